#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chartfn::service::fuzz::spec_render(data));
