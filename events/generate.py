#!/usr/bin/env python3
"""Builds the events in events/ from the templates `sam local generate-event` prints.

    sam local generate-event apigateway aws-proxy       > events/templates/apigateway-aws-proxy.json
    sam local generate-event apigateway http-api-proxy  > events/templates/apigateway-http-api-proxy.json
    sam local generate-event alb request                > events/templates/alb-request.json
    sam local generate-event s3 put                     > events/templates/s3-put.json
    sam local generate-event s3 batch-invocation        > events/templates/s3-batch-invocation.json
    python3 events/generate.py

Only bodies, paths, query strings and headers are changed; the rest stays exactly as AWS sends
it (including request times from years ago, which the function must not take for deadlines).
"""
import base64
import copy
import json
import pathlib
import random
import urllib.parse

HERE = pathlib.Path(__file__).parent
T = {p.stem: json.loads(p.read_text()) for p in (HERE / "templates").glob("*.json")}

SPEC = {
    "title": "Weekly signups",
    "width": 640, "height": 400,
    "x": {"label": "week"}, "y": {"label": "signups"},
    "series": [
        {"type": "line", "name": "web", "x": [1, 2, 3, 4, 5, 6], "y": [120, 135, 128, 160, 171, 190], "marker": "circle"},
        {"type": "line", "name": "mobile", "x": [1, 2, 3, 4, 5, 6], "y": [80, 95, 130, 142, 150, 166], "dash": "dashed"},
    ],
}
SMALL = {"width": 320, "height": 200, "series": [{"type": "bar", "x": ["a", "b", "c"], "y": [3, 5, 2]}]}
BAD = {"series": [{"type": "line", "y": [1, "two", 3]}]}
random.seed(42)
# A noisy heatmap at 3000×3000: its PNG (1.2 MB; palette, 200 colormap levels) is over ALB's
# 1 MB inline limit, while the request stays under it.
BIG = {"width": 3000, "height": 3000, "title": "Noise",
       "series": [{"type": "heatmap", "z": [[round(random.random(), 3) for _ in range(300)] for _ in range(300)]}]}


def dumps(v):
    return json.dumps(v, separators=(",", ":"))


def v1(method, path, body=None, b64=False, query=None, headers=None):
    e = copy.deepcopy(T["apigateway-aws-proxy"])
    e["httpMethod"] = method
    e["path"] = path
    e["requestContext"]["httpMethod"] = method
    e["requestContext"]["path"] = "/prod" + path
    e["requestContext"]["resourcePath"] = "/{proxy+}"
    e["pathParameters"] = {"proxy": path.lstrip("/")}
    e["queryStringParameters"] = query
    e["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()} if query else None
    if headers:
        e["headers"].update(headers)
        e["multiValueHeaders"].update({k: [v] for k, v in headers.items()})
    set_body(e, body, b64)
    return e


def v2(method, path, body=None, b64=False, query=None, headers=None, domain=None):
    e = copy.deepcopy(T["apigateway-http-api-proxy"])
    e["rawPath"] = path
    e["requestContext"]["http"]["method"] = method
    e["requestContext"]["http"]["path"] = path
    e["rawQueryString"] = urllib.parse.urlencode(query or {})
    e["queryStringParameters"] = query
    e["headers"] = {"accept": "*/*", "content-type": "application/json"} | (headers or {})
    e.pop("pathParameters", None)
    if domain:
        e["requestContext"]["domainName"] = domain
        e["requestContext"]["domainPrefix"] = domain.split(".")[0]
        e["requestContext"].pop("authentication", None)
        e["requestContext"].pop("authorizer", None)
        e.pop("stageVariables", None)
    set_body(e, body, b64)
    return e


def alb(method, path, body=None, b64=False, query=None):
    e = copy.deepcopy(T["alb-request"])
    e["httpMethod"] = method
    e["path"] = path
    e["queryStringParameters"] = {k: urllib.parse.quote(v) for k, v in (query or {}).items()}
    set_body(e, body, b64)
    return e


def set_body(e, body, b64):
    if body is None:
        e["body"] = None
        e["isBase64Encoded"] = False
    else:
        raw = dumps(body).encode()
        e["body"] = base64.b64encode(raw).decode() if b64 else raw.decode()
        e["isBase64Encoded"] = b64


def s3_key(key):
    # S3 writes keys into events URL-encoded, with `+` for a space.
    return urllib.parse.quote_plus(key, safe="/")


# The spec objects the S3 events refer to (tests/batch.rs uploads them first).
S3_KEYS = ["specs/weekly report.json", "specs/a+b.json", "specs/(draft).json", "specs/übersicht/график.json", "specs/bad.json"]


def s3_put(keys, bucket="example-bucket"):
    e = copy.deepcopy(T["s3-put"])
    template = e["Records"][0]
    e["Records"] = []
    for k in keys:
        r = copy.deepcopy(template)
        r["s3"]["bucket"]["name"] = bucket
        r["s3"]["bucket"]["arn"] = f"arn:aws:s3:::{bucket}"
        r["s3"]["object"]["key"] = s3_key(k)
        e["Records"].append(r)
    return e


def s3_batch(version, keys, bucket="example-bucket", user_arguments=None):
    e = copy.deepcopy(T["s3-batch-invocation"])
    e["invocationSchemaVersion"] = version
    task = e["tasks"][0]
    e["tasks"] = []
    for i, k in enumerate(keys):
        t = copy.deepcopy(task)
        t["taskId"] = base64.b64encode(f"task-{i}".encode()).decode()
        t["s3Key"] = urllib.parse.quote(k, safe="/")
        if version == "2.0":
            t.pop("s3BucketArn", None)
            t["s3Bucket"] = bucket
        else:
            t["s3BucketArn"] = f"arn:aws:s3:::{bucket}"
        e["tasks"].append(t)
    if version == "2.0":
        e["job"]["userArguments"] = user_arguments or {}
    return e


EVENTS = {
    "s3-put": s3_put(S3_KEYS),
    "s3-put-output-key": s3_put(["charts/weekly report.png"]),
    "s3-batch-1.0": s3_batch("1.0", S3_KEYS),
    "s3-batch-2.0": s3_batch("2.0", S3_KEYS[:2] + ["specs/missing.json"], user_arguments={"outputPrefix": "batch-out/", "format": "svg"}),
    "apigw-v1-post-base64": v1("POST", "/chart", SPEC, b64=True),
    "apigw-v1-post-plain": v1("POST", "/chart", SPEC),
    "apigw-v1-get-spec": v1("GET", "/chart", query={"spec": dumps(SMALL)}),
    "apigw-v1-get-spec64-svg": v1("GET", "/chart", query={"spec64": base64.urlsafe_b64encode(dumps(SMALL).encode()).decode().rstrip("="), "format": "svg"}),
    "apigw-v1-health": v1("GET", "/health"),
    "apigw-v1-bad-json": v1("POST", "/chart", None) | {"body": "{\"series\": [", "isBase64Encoded": False},
    "apigw-v2-post-base64": v2("POST", "/chart", SPEC, b64=True),
    "apigw-v2-post-plain": v2("POST", "/chart", SPEC),
    "apigw-v2-post-json-reply": v2("POST", "/chart", SMALL, headers={"accept": "application/json"}),
    "apigw-v2-get-spec": v2("GET", "/chart", query={"spec": dumps(SMALL), "width": "400", "height": "300"}),
    "apigw-v2-get-spec64": v2("GET", "/chart", query={"spec64": base64.urlsafe_b64encode(dumps(SPEC).encode()).decode().rstrip("=")}),
    "apigw-v2-bad-spec": v2("POST", "/chart", BAD),
    "apigw-v2-validate": v2("POST", "/validate", SPEC),
    "apigw-v2-schema": v2("GET", "/schema"),
    "apigw-v2-not-found": v2("GET", "/nothing-here"),
    "apigw-v2-delivery-url": v2("POST", "/chart", SMALL, query={"delivery": "url"}),
    "function-url-post": v2("POST", "/chart", SPEC, domain="abcdefghij.lambda-url.us-east-1.on.aws"),
    "function-url-get-spec": v2("GET", "/chart", query={"spec": dumps(SMALL)}, domain="abcdefghij.lambda-url.us-east-1.on.aws"),
    "alb-post": alb("POST", "/chart", SPEC, b64=True),
    "alb-get-spec": alb("GET", "/chart", query={"spec": dumps(SMALL)}),
    "alb-oversized": alb("POST", "/chart", BIG, b64=True),
    "direct-invoke": {"spec": SPEC, "delivery": "inline"},
    "direct-invoke-bare-spec": SMALL,
    "direct-invoke-bad-spec": {"spec": BAD},
    "direct-invoke-url": {"spec": SMALL, "delivery": "url"},
}

for name, event in EVENTS.items():
    (HERE / f"{name}.json").write_text(json.dumps(event, indent=2) + "\n")
print(f"wrote {len(EVENTS)} events")
