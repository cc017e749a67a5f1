//! A moto server (the AWS emulator, PyPI `moto[server]`) on 127.0.0.1, for tests that need a
//! service that keeps state.
//!
//! [`MotoServer::start`] installs the pinned moto into a virtualenv on first use (so `cargo test`
//! works on a machine that only has `python3`), starts it on a free loopback port, waits until
//! the port answers, and kills it when the value is dropped. Each server has its own state:
//! tests that start their own server cannot see each other's pools.
//!
//! The virtualenv is `<workspace>/target/moto-venv`, or `$MOTO_VENV` when set; it is made with
//! `python3`, or `$MOTO_BASE_PYTHON` when set.
use bytes::Bytes;
use cognito_identity_provider::transport::{HttpTransport, HyperTransport};
use cognito_identity_provider::Credentials;
use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// The moto release the tests run against. Moto's behaviour changes between releases (codes,
/// statuses, which checks it makes), so it is pinned; `.ci/run` installs the same one.
pub const MOTO_VERSION: &str = "5.2.5";

/// The region moto is addressed in; unsigned requests land there too.
pub const REGION: &str = "us-east-1";

/// How long a fresh moto may take to answer on its port (it imports a lot of Python).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How long creating the virtualenv and installing moto may take.
const INSTALL_TIMEOUT: Duration = Duration::from_secs(600);

/// How long one setup request to moto (IAM, moto-api) may take.
const SETUP_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Starting again after a lost race for the free port.
const START_TRIES: u32 = 3;

/// Serialises installs within a test binary (concurrent tests would otherwise race on pip), and
/// remembers a checked install so later servers skip the check.
static INSTALLED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// A running moto server; killed on drop.
#[derive(Debug)]
pub struct MotoServer {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl MotoServer {
    /// Installs moto if needed and starts a server with the default settings (no IAM checks).
    ///
    /// Blocks the calling thread for as long as installing and starting take.
    pub fn start() -> Result<MotoServer, String> {
        Self::start_with_env(&[])
    }

    /// Like [`MotoServer::start`], with extra environment variables for the moto process
    /// (`INITIAL_NO_AUTH_ACTION_COUNT`, for instance).
    pub fn start_with_env(env: &[(&str, &str)]) -> Result<MotoServer, String> {
        let python = ensure_installed()?;
        let mut last_error = String::new();
        for _ in 0..START_TRIES {
            match Self::spawn(&python, env) {
                Ok(server) => return Ok(server),
                // Another process may take the port between our probe and moto's bind.
                Err(StartError::PortTaken(message)) => last_error = message,
                Err(StartError::Failed(message)) => return Err(message),
            }
        }
        Err(last_error)
    }

    fn spawn(python: &Path, env: &[(&str, &str)]) -> Result<MotoServer, StartError> {
        let port = free_port().map_err(StartError::Failed)?;
        let log = log_path(port);
        let log_file = File::create(&log).map_err(|e| {
            StartError::Failed(format!("cannot create moto's log {}: {e}", log.display()))
        })?;
        let stdout = log_file
            .try_clone()
            .map_err(|e| StartError::Failed(format!("cannot share moto's log file: {e}")))?;
        let mut command = Command::new(python);
        command
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(log_file);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().map_err(|e| {
            StartError::Failed(format!(
                "cannot run {} -m moto.server: {e}",
                python.display()
            ))
        })?;
        let mut server = MotoServer { child, port, log };
        server.wait_until_ready()?;
        Ok(server)
    }

    fn wait_until_ready(&mut self) -> Result<(), StartError> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(self.exited_early(status));
            }
            if Instant::now() >= deadline {
                return Err(StartError::Failed(format!(
                    "moto did not answer on 127.0.0.1:{} within {START_TIMEOUT:?}; its output:\n{}",
                    self.port,
                    self.log_tail()
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn exited_early(&self, status: ExitStatus) -> StartError {
        let output = self.log_tail();
        let message = format!(
            "moto exited ({status}) before answering on 127.0.0.1:{}; its output:\n{output}",
            self.port
        );
        if output.contains("Address already in use") {
            StartError::PortTaken(message)
        } else {
            StartError::Failed(message)
        }
    }

    /// The port moto listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>`, for `Config::builder().endpoint_url(..)`.
    pub fn endpoint_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The file moto writes its output to (one line per request).
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// The last lines moto wrote, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Turns moto's IAM checks on from now on: every later request (but the few operations
    /// moto treats as public) must carry a valid SigV4 signature of a known access key whose
    /// policies allow the action. Moto keeps this setting per process.
    pub async fn enable_iam_auth(&self) -> Result<(), String> {
        let request = http::Request::post(format!("{}/moto-api/reset-auth", self.endpoint_url()))
            // Anything but a form type: Flask would parse a form body away and moto reads raw data.
            .header(http::header::CONTENT_TYPE, "text/plain")
            .body(Bytes::from_static(b"0"))
            .map_err(|e| format!("cannot build the reset-auth request: {e}"))?;
        let (status, body) = self.send(request).await?;
        if status != 200 {
            return Err(format!("moto's reset-auth answered {status}: {body}"));
        }
        Ok(())
    }

    /// Creates an IAM user with an inline policy (`policy_document`, IAM policy JSON) and an
    /// access key, through moto's IAM Query API, and returns the key. Call it before
    /// [`MotoServer::enable_iam_auth`]: the setup requests are signed with a made-up key.
    pub async fn create_iam_user(
        &self,
        user_name: &str,
        policy_document: &str,
    ) -> Result<Credentials, String> {
        self.iam_call(&[("Action", "CreateUser"), ("UserName", user_name)])
            .await?;
        self.iam_call(&[
            ("Action", "PutUserPolicy"),
            ("UserName", user_name),
            ("PolicyName", "tests-inline"),
            ("PolicyDocument", policy_document),
        ])
        .await?;
        let xml = self
            .iam_call(&[("Action", "CreateAccessKey"), ("UserName", user_name)])
            .await?;
        let key_id = xml_text(&xml, "AccessKeyId");
        let secret = xml_text(&xml, "SecretAccessKey");
        match (key_id, secret) {
            (Some(key_id), Some(secret)) => Ok(Credentials::new(key_id, secret, None)),
            _ => Err(format!("CreateAccessKey answered without a key: {xml}")),
        }
    }

    /// One IAM Query API call; returns the XML body of a 200 answer.
    async fn iam_call(&self, params: &[(&str, &str)]) -> Result<String, String> {
        let mut form = form_encode(params);
        form.push_str("&Version=2010-05-08");
        let mut request = http::Request::post(format!("{}/", self.endpoint_url()))
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .body(Bytes::from(form))
            .map_err(|e| format!("cannot build the IAM request: {e}"))?;
        // Moto routes a request by the service in its signature's scope; the key is not checked
        // while IAM auth is off.
        let setup_key =
            runtime::credentials::Credentials::new("AKIDMOTOSETUP", "moto-setup-secret", None);
        let params_for_signing = runtime::sigv4::SigningParams {
            credentials: &setup_key,
            region: REGION,
            service: "iam",
            time: SystemTime::now(),
        };
        runtime::sigv4::sign(&mut request, &params_for_signing).map_err(|e| e.to_string())?;
        let (status, body) = self.send(request).await?;
        if status != 200 {
            return Err(format!("IAM {params:?} answered {status}: {body}"));
        }
        Ok(body)
    }

    async fn send(&self, request: http::Request<Bytes>) -> Result<(u16, String), String> {
        let uri = request.uri().clone();
        let transport = HyperTransport::new(Duration::from_secs(5));
        let response = tokio::time::timeout(SETUP_REQUEST_TIMEOUT, transport.send(request))
            .await
            .map_err(|_| format!("POST {uri} got no answer within {SETUP_REQUEST_TIMEOUT:?}"))?
            .map_err(|e| format!("POST {uri} failed: {}", e.describe()))?;
        let body = String::from_utf8_lossy(response.body()).into_owned();
        Ok((response.status().as_u16(), body))
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // Killing an already exited process fails harmlessly.
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A failing test keeps moto's log for the post-mortem; its path is in the panic output.
        if std::thread::panicking() {
            eprintln!("moto's log is kept at {}", self.log.display());
        } else {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

enum StartError {
    PortTaken(String),
    Failed(String),
}

/// The workspace's `target/moto-venv`, or `$MOTO_VENV`.
pub fn venv_dir() -> PathBuf {
    match std::env::var_os("MOTO_VENV") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_target().join("moto-venv"),
    }
}

fn workspace_target() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")))
        .join("target")
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// The virtualenv's python, with moto [`MOTO_VERSION`] importable; creates the virtualenv and
/// installs moto when they are missing or hold another version.
pub fn ensure_installed() -> Result<PathBuf, String> {
    // A panicking test elsewhere poisons the lock without harming what it guards.
    let mut installed = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(python) = installed.as_ref() {
        return Ok(python.clone());
    }
    let python = install()?;
    *installed = Some(python.clone());
    Ok(python)
}

fn install() -> Result<PathBuf, String> {
    let venv = venv_dir();
    let python = venv_python(&venv);
    if installed_version(&python).as_deref() == Some(MOTO_VERSION) {
        return Ok(python);
    }
    if !python.exists() {
        let base = std::env::var("MOTO_BASE_PYTHON").unwrap_or_else(|_| "python3".to_string());
        run_bounded(
            Command::new(&base).arg("-m").arg("venv").arg(&venv),
            &format!("{base} -m venv {}", venv.display()),
        )?;
    }
    let requirement = format!("moto[server]=={MOTO_VERSION}");
    run_bounded(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &requirement,
        ]),
        &format!("pip install {requirement} into {}", venv.display()),
    )?;
    match installed_version(&python) {
        Some(version) if version == MOTO_VERSION => Ok(python),
        other => Err(format!(
            "after installing {requirement}, {} imports moto {other:?}",
            python.display()
        )),
    }
}

/// The moto version `python` imports, when it imports moto's server at all.
fn installed_version(python: &Path) -> Option<String> {
    if !python.exists() {
        return None;
    }
    let output = Command::new(python)
        .args(["-c", "import moto, moto.server; print(moto.__version__)"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Runs `command` to completion within [`INSTALL_TIMEOUT`], its output kept for the error.
fn run_bounded(command: &mut Command, what: &str) -> Result<(), String> {
    let log = workspace_target().join(format!("moto-install-{}.log", std::process::id()));
    let out =
        File::create(&log).map_err(|e| format!("{what}: cannot create {}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("{what}: cannot share the log file: {e}"))?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("{what}: cannot start it: {e} (is python3 installed?)"))?;
    let deadline = Instant::now() + INSTALL_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{what}: still running after {INSTALL_TIMEOUT:?}, killed"
                ));
            }
            Err(e) => return Err(format!("{what}: cannot wait for it: {e}")),
        }
    };
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status}):\n{output}"))
    }
}

/// A port nothing listens on right now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot bind a loopback port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot read the bound port: {e}"))
}

fn log_path(port: u16) -> PathBuf {
    let dir = workspace_target().join("moto-logs");
    // A missing directory shows up as File::create's error just after.
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("moto-{}-{port}.log", std::process::id()))
}

/// `application/x-www-form-urlencoded`, every byte but the unreserved ones percent-encoded.
fn form_encode(params: &[(&str, &str)]) -> String {
    params
        .iter()
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The text of the first `<tag>...</tag>` in `xml`: enough for IAM's flat answers.
fn xml_text<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&close)?;
    Some(xml[start..end].trim())
}
