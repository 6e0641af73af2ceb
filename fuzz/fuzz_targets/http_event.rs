#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chartfn::service::fuzz::http_event(data));
