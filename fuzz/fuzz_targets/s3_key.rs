#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chartfn::service::fuzz::s3_key(data));
