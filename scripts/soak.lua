-- wrk script for scripts/soak.sh: rotates through a weighted mix of requests. Each request
-- carries its kind in x-request-id, so the server's own log (one JSON line per request) says
-- which kind got which outcome, and how long each took against its budget.
-- Arguments: KIND=FILE[=BUDGET_MS][*WEIGHT] ...
local mix = {}
local counter = 0

init = function(args)
  for _, a in ipairs(args) do
    local spec, weight = a:match("^(.-)%*(%d+)$")
    spec = spec or a
    weight = tonumber(weight or "1")
    local kind, file, budget = spec:match("^([^=]+)=([^=]+)=?(%d*)$")
    local f = assert(io.open(file, "rb"))
    local body = f:read("*a")
    f:close()
    local headers = { ["Content-Type"] = "application/json", ["x-request-id"] = kind }
    if budget ~= "" then headers["x-chartfn-budget-ms"] = budget end
    local req = wrk.format("POST", "/chart", headers, body)
    for _ = 1, weight do mix[#mix + 1] = req end
  end
  -- Threads start at different places in the mix.
  counter = math.random(#mix)
end

request = function()
  counter = counter + 1
  return mix[(counter % #mix) + 1]
end
