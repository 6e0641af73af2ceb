#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chartfn::fuzz::s3_key(data));
