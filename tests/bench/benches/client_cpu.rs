//! Client-side CPU per request with no network: build the input, serialize, resolve the
//! endpoint, sign (for the signed operation), hand to a canned HTTP layer answering `200 {}`,
//! parse the output. Our generated client and the official SDK, each through its own seam
//! (`HttpTransport` / `HttpClient`), on a current-thread Tokio runtime.
//!
//! `cargo bench --manifest-path tests/bench/Cargo.toml --bench client_cpu`
use bench::{call_ours, call_sdk, CannedSdkHttp, CannedTransport, Op};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime")
}

fn short(op: Op) -> &'static str {
    match op {
        Op::AdminResetUserPassword => "AdminResetUserPassword",
        Op::ConfirmForgotPassword => "ConfirmForgotPassword",
    }
}

fn client_cpu(c: &mut Criterion) {
    let rt = runtime();
    let ours = bench::ours_client_with(CannedTransport::new());
    let sdk = bench::sdk_client_with(CannedSdkHttp);
    for op in Op::ALL {
        // Fail loudly before measuring anything that would only measure an error path.
        rt.block_on(call_ours(&ours, op)).expect("our client call");
        rt.block_on(call_sdk(&sdk, op)).expect("SDK call");
    }
    let mut group = c.benchmark_group("client_cpu");
    for op in Op::ALL {
        group.bench_function(format!("ours/{}", short(op)), |b| {
            b.to_async(&rt)
                .iter(|| async { black_box(call_ours(&ours, black_box(op)).await) })
        });
        group.bench_function(format!("sdk/{}", short(op)), |b| {
            b.to_async(&rt)
                .iter(|| async { black_box(call_sdk(&sdk, black_box(op)).await) })
        });
    }
    group.finish();
}

criterion_group!(benches, client_cpu);
criterion_main!(benches);
