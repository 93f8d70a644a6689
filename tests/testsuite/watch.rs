//! `report watch`: re-renders on changes, survives broken files, and serves
//! the HTML editions with reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::support::{Project, report_command};

/// A running `report watch`, killed when dropped.
pub(crate) struct Watch {
    pub(crate) child: Child,
    lines: Receiver<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    pub(crate) fn start(project: &Project, args: &[&str]) -> Self {
        Self::start_with(project, args, None)
    }

    /// [`Watch::start`] with at most `max_files` file descriptors when given
    /// (`ulimit -n`, through `sh`, which `exec`s report in its place).
    pub(crate) fn start_with(project: &Project, args: &[&str], max_files: Option<u64>) -> Self {
        crate::support::ensure_typst();
        let mut command = report_command();
        if let Some(max_files) = max_files {
            let program = command.get_program().to_owned();
            command = std::process::Command::new("sh");
            command
                .arg("-c")
                .arg(format!("ulimit -n {max_files} && exec \"$0\" \"$@\""))
                .arg(program)
                .env_remove("REPORT_PROJECT")
                .env_remove("SOURCE_DATE_EPOCH")
                .env("NO_COLOR", "1");
        }
        let mut child = command
            .arg("watch")
            .args(args)
            .current_dir(project.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start watch");
        let (sender, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        Self { child, lines }
    }

    /// Waits for a line containing `needle`, returning every line seen.
    pub(crate) fn wait_for(&self, needle: &str) -> Vec<String> {
        self.wait_until(needle, |line| line.contains(needle))
    }

    /// Waits for a line that `matches`, returning every line seen.
    pub(crate) fn wait_until(&self, what: &str, matches: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = matches(&line);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no line with {what:?} within 60s; saw:\n{}",
            seen.join("\n")
        );
    }

    /// Every line printed during `period`.
    pub(crate) fn lines_for(&self, period: Duration) -> Vec<String> {
        let deadline = Instant::now() + period;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        seen
    }

    /// Starts `report watch --format html --serve 0` and waits for its first
    /// render; returns it with the address it serves on.
    pub(crate) fn serving(project: &Project) -> (Self, String) {
        Self::serving_with(project, None)
    }

    /// [`Watch::serving`] with at most `max_files` file descriptors.
    pub(crate) fn serving_with(project: &Project, max_files: Option<u64>) -> (Self, String) {
        let watch = Self::start_with(project, &["--format", "html", "--serve", "0"], max_files);
        let lines = watch.wait_for("serving the HTML editions at http://");
        let address = lines
            .last()
            .and_then(|l| l.split("http://").nth(1))
            .map(|a| a.trim_end_matches('/').to_owned())
            .expect("address");
        watch.wait_for("watching for changes");
        (watch, address)
    }
}

/// Replaces a file the way editors do (write beside it, then rename), so
/// the watcher never sees it half-written.
fn save(project: &Project, file: &str, text: &str) {
    let temporary = project.path(&format!("{file}.saving"));
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, project.path(file)).expect("rename");
}

/// Sends `request` (a whole HTTP request) and reads the response until the
/// server closes the connection, for at most 10 seconds.
pub(crate) fn exchange(address: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    stream.write_all(request).expect("request");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("response");
    String::from_utf8_lossy(&response).into_owned()
}

/// `GET path` on a connection that closes after the response.
pub(crate) fn get(address: &str, path: &str) -> String {
    exchange(
        address,
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

#[test]
fn watch_rerenders_changes_survives_errors_and_serves_with_reload() {
    let project = Project::fixture("minimal");
    let (watch, address) = Watch::serving(&project);

    let page = get(&address, "/es/index.html");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(page.contains("Hola, <strong>mundo</strong>."), "{page}");
    assert!(page.contains("/__report/version"), "reload script");
    assert!(
        get(&address, "/")
            .to_ascii_lowercase()
            .contains("\r\nlocation: /es/index.html\r\n")
    );
    assert!(get(&address, "/../report.toml").starts_with("HTTP/1.1 404"));
    let version = get(&address, "/__report/version");

    save(
        &project,
        "locales/es/main.ftl",
        &project
            .read("locales/es/main.ftl")
            .replace("Hola", "Buenas"),
    );
    // Renders caused by other file events may come first; they change nothing.
    watch.wait_until("es rebuilt", |l| {
        l.contains("build/es/index.html") && !l.contains("up to date")
    });
    let lines = watch.wait_for("rendered in");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("build/en/index.html") && !l.contains("up to date")),
        "only the Spanish edition is rebuilt: {lines:?}"
    );
    assert!(get(&address, "/es/index.html").contains("Buenas, <strong>mundo</strong>."));
    assert_ne!(
        get(&address, "/__report/version"),
        version,
        "pages are told to reload"
    );

    save(&project, "locales/es/main.ftl", "title = {\n");
    let lines = watch.wait_for("still watching");
    assert!(
        lines.iter().any(|l| l.contains("locales/es/main.ftl:1:")),
        "{lines:?}"
    );

    save(
        &project,
        "locales/es/main.ftl",
        &Project::fixture("minimal").read("locales/es/main.ftl"),
    );
    watch.wait_for("rendered in");
    assert!(get(&address, "/es/index.html").contains("Hola, <strong>mundo</strong>."));
}

#[test]
fn watch_rests_between_edits_and_tells_an_error_once() {
    let project = Project::fixture("minimal");
    let watch = Watch::start(&project, &["--format", "pdf"]);
    watch.wait_for("watching for changes");
    // Rendering reads the sources; reads are not edits.
    let idle = watch.lines_for(Duration::from_secs(3));
    assert!(idle.is_empty(), "nothing changed, yet: {idle:?}");
    let template = project.read("templates/main.typ") + "#no-such-function()\n";
    save(&project, "templates/main.typ", &template);
    let mut lines = watch.wait_for("render failed");
    lines.extend(watch.lines_for(Duration::from_secs(3)));
    let told = lines
        .iter()
        .filter(|l| l.contains("unknown variable: no-such-function"))
        .count();
    assert_eq!(told, 1, "one edit, one render, one error: {lines:#?}");
    assert!(
        lines.last().is_some_and(|l| l.contains("still watching")),
        "nothing ran after the failed render: {lines:#?}"
    );
}

/// A chart's CSV file is watched like the data that names it: saved (as
/// editors save, by renaming over it) twice, each edit reaches the page.
#[test]
fn watch_redraws_a_chart_when_its_csv_file_changes() {
    let project = Project::fixture("charts");
    let watch = Watch::start(&project, &["--format", "html", "--lang", "es"]);
    watch.wait_for("watching for changes");
    let page = || project.read("build/es/index.html");
    assert!(page().contains("<td class=\"num\">1455\u{a0}US$</td>"));
    for (from, to, shown) in [
        ("1455,", "2455,", "2455\u{a0}US$"),
        ("2455,", "3455,", "3455\u{a0}US$"),
    ] {
        save(
            &project,
            "data/prices.csv",
            &project.read("data/prices.csv").replace(from, to),
        );
        watch.wait_until("es rebuilt", |l| {
            l.contains("build/es/index.html") && !l.contains("up to date")
        });
        watch.wait_for("rendered in");
        assert!(page().contains(shown), "{shown:?} not on the page");
    }
}
