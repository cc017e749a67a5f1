//! The moto harness itself: it reports a server that dies at start with moto's own output, and
//! stops the server when dropped.
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;
use tests::moto::{ensure_installed, MotoServer, MOTO_VERSION};

fn answers(port: u16) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_ok()
}

#[test]
fn pinned_version_is_installed() {
    let python = ensure_installed().unwrap_or_else(|e| panic!("{e}"));
    let output = std::process::Command::new(&python)
        .args(["-c", "import moto; print(moto.__version__)"])
        .output()
        .expect("run the virtualenv's python");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), MOTO_VERSION);
}

#[test]
fn server_stops_when_dropped() {
    let moto = MotoServer::start().unwrap_or_else(|e| panic!("cannot start moto: {e}"));
    let port = moto.port();
    assert!(answers(port), "moto answers while it runs");
    assert_eq!(moto.endpoint_url(), format!("http://127.0.0.1:{port}"));
    drop(moto);
    assert!(!answers(port), "moto still answers after drop");
}

#[test]
fn a_server_that_dies_at_start_is_reported_with_its_output() {
    // moto parses this setting as a float when it starts.
    let result = MotoServer::start_with_env(&[("INITIAL_NO_AUTH_ACTION_COUNT", "not-a-number")]);
    let error = result.expect_err("moto cannot start with a malformed setting");
    assert!(error.contains("moto exited"), "{error}");
    assert!(
        error.contains("not-a-number"),
        "moto's own output is included: {error}"
    );
}
