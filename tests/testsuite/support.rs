//! A small builder for integration tests: copy a fixture project into a
//! temporary directory, change files, run the real `report` binary on it,
//! and read what it produced with real tools (poppler, Chromium).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

/// A project in a temporary directory.
pub struct Project {
    dir: tempfile::TempDir,
}

/// The result of one `report` run.
pub struct Run {
    pub output: Output,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    #[track_caller]
    pub fn success(self) -> Self {
        assert!(
            self.output.status.success(),
            "report failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
            self.output.status,
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "unexpected exit code:\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create fixture dir");
    for entry in fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            if entry.file_name() != "build" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Project {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
        Self { dir }
    }

    /// An empty project directory, for tests that write every file.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of the flagship sample report at the repository root.
    pub fn sample() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = repo_root();
        fs::copy(root.join("report.toml"), dir.path().join("report.toml")).expect("copy manifest");
        for sub in ["locales", "data", "templates"] {
            copy_dir(&root.join(sub), &dir.path().join(sub));
        }
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
        fs::write(path, text).expect("write file");
        self
    }

    /// Replaces the first `from` in a file with `to`; `from` must be there.
    #[track_caller]
    pub fn replace(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{from:?} not in {relative}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    pub fn bytes(&self, relative: &str) -> Vec<u8> {
        fs::read(self.path(relative)).unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    /// Runs git in the project directory (a repository after `git init`).
    pub fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run git");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Makes the project a git repository with everything committed.
    pub fn commit_all(&self, message: &str) {
        if !self.path(".git").exists() {
            self.git(&["init", "-q", "-b", "main"]);
        }
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Runs `report ARGS` in the project directory.
    pub fn report(&self, args: &[&str]) -> Run {
        let mut command = report_command();
        command.args(args);
        self.run(command)
    }

    /// Runs `sh -c SCRIPT` in the project directory, with the environment of
    /// [`report_command`] and the binary's path in `$REPORT_BIN`: for runs
    /// under a shell's limits (`umask`, `ulimit`, `trap`).
    pub fn report_in_shell(&self, script: &str) -> Run {
        let command = report_command();
        let report = command.get_program().to_owned();
        let mut shell = Command::new("sh");
        shell.args(["-c", script]).env("REPORT_BIN", report);
        for (name, value) in command.get_envs() {
            match value {
                Some(value) => shell.env(name, value),
                None => shell.env_remove(name),
            };
        }
        self.run(shell)
    }

    fn run(&self, mut command: Command) -> Run {
        let output = command
            .current_dir(self.root())
            .output()
            .expect("run report");
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            output,
        }
    }
}

/// Makes sure Typst is installed before a test that times its steps. On a
/// fresh machine the first render builds Typst (minutes, under a lock that
/// all tests share); tests that wait for Typst processes or output lines
/// call this first, so the wait is not mistaken for a hang.
pub fn ensure_typst() {
    static READY: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    READY.get_or_init(|| {
        let project = Project::fixture("slow");
        project.report(&["render"]).success();
    });
}

/// The `report` binary with a clean, predictable environment.
pub fn report_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_report"));
    command
        .env_remove("REPORT_PROJECT")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    command
}

fn tool(name: &str) -> Command {
    let command = Command::new(name);
    if which(name).is_none() {
        panic!(
            "`{name}` is needed by the tests: run `cargo xtask test`, which installs what the tests need (or apt-get install poppler-utils chromium)"
        );
    }
    command
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// What `pdftotext ARGS PATH -` prints.
fn pdftotext(path: &Path, args: &[&str]) -> Vec<u8> {
    let output = tool("pdftotext")
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    output.stdout
}

/// The text of a PDF, as `pdftotext` extracts it.
pub fn pdf_text(path: &Path) -> String {
    String::from_utf8(pdftotext(path, &[])).expect("pdftotext prints UTF-8")
}

/// A word poppler finds on a page, with its box (points, y downwards).
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

/// Every word of a PDF with its box, as `pdftotext -bbox` gives them.
pub fn pdf_words(path: &Path) -> Vec<Word> {
    let html = String::from_utf8_lossy(&pdftotext(path, &["-bbox"])).into_owned();
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("closing quote");
        tag[start..end].parse().expect("a number")
    };
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').expect("a word tag");
            words.push(Word {
                page,
                text: text.trim_end_matches("</word>").to_owned(),
                x: (attribute(tag, "xMin"), attribute(tag, "xMax")),
                y: (attribute(tag, "yMin"), attribute(tag, "yMax")),
            });
        }
    }
    words
}

/// The pairs of words on one page whose boxes overlap: across by more than
/// a point, down by more than half the lower box (lines of a paragraph
/// touch, at most; words set over each other share most of their height).
pub fn overlapping_words(path: &Path) -> Vec<(usize, String, String)> {
    let words = pdf_words(path);
    let mut found = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            if a.page != b.page {
                continue;
            }
            let across = a.x.1.min(b.x.1) - a.x.0.max(b.x.0);
            let down = a.y.1.min(b.y.1) - a.y.0.max(b.y.0);
            let height = (a.y.1 - a.y.0).min(b.y.1 - b.y.0);
            if across > 1.0 && down > height / 2.0 {
                found.push((a.page, a.text.clone(), b.text.clone()));
            }
        }
    }
    found
}

/// One page's text laid out as on the page (`pdftotext -layout`): columns
/// side by side, indentation kept.
pub fn pdf_page_layout(path: &Path, page: usize) -> String {
    let page = page.to_string();
    String::from_utf8_lossy(&pdftotext(path, &["-layout", "-f", &page, "-l", &page]))
        .replace('\u{ad}', "")
}

/// The text of one page (from 1) of a PDF, without soft hyphens.
pub fn pdf_page_text(path: &Path, page: usize) -> String {
    let page = page.to_string();
    String::from_utf8_lossy(&pdftotext(path, &["-f", &page, "-l", &page])).replace('\u{ad}', "")
}

/// `pdfinfo` fields, by name.
pub fn pdf_info(path: &Path) -> std::collections::HashMap<String, String> {
    let output = tool("pdfinfo").arg(path).output().expect("pdfinfo");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// Each font of a PDF with whether it is embedded, from `pdffonts`.
pub fn pdf_fonts(path: &Path) -> Vec<(String, bool)> {
    let output = tool("pdffonts").arg(path).output().expect("pdffonts");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(2)
        .map(|line| {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let embedded = tokens.get(tokens.len().saturating_sub(5)) == Some(&"yes");
            (tokens[0].to_owned(), embedded)
        })
        .collect()
}

/// Loads an HTML file in headless Chromium at a window width and returns
/// layout measurements taken by a script in the page.
pub fn browser_metrics(html: &Path, width: u32) -> serde_json::Value {
    browser_eval(
        html,
        width,
        r#"(() => {
  const de = document.documentElement, body = document.body;
  const para = document.querySelector('h2 ~ p');
  const nav = document.querySelector('nav.report-editions');
  const links = [...document.querySelectorAll('nav.report-editions a')];
  return {
    innerWidth: innerWidth,
    scrollWidth: de.scrollWidth,
    paragraphWidth: para ? para.getBoundingClientRect().width : 0,
    paragraphFontSize: para ? parseFloat(getComputedStyle(para).fontSize) : 0,
    navVisible: !!(nav && nav.getBoundingClientRect().height > 0),
    navLinkHeights: links.map(a => a.getBoundingClientRect().height),
    headingColor: getComputedStyle(document.querySelector('h2') || body).color,
  };
})()"#,
    )
}

/// Loads an HTML file in headless Chromium, in a frame `width` pixels wide,
/// and returns the JSON value of the JavaScript expression `probe`,
/// evaluated in the page once it has loaded.
pub fn browser_eval(html: &Path, width: u32, probe: &str) -> serde_json::Value {
    let page = fs::read_to_string(html).expect("read html");
    // Headless Chromium will not make a window narrower than 500px, so the
    // page is measured inside an iframe of the wanted width; it posts its
    // measurements to the wrapper, which writes them into the DOM.
    let probe = format!(
        "<script>addEventListener('load', () => document.fonts.ready.then(() => \
         parent.postMessage(JSON.stringify({probe}), '*')));</script>"
    );
    let probed = page.replace("</body>", &format!("{probe}</body>"));
    let probe_path = html.with_file_name(format!("probe-{width}.html"));
    fs::write(&probe_path, probed).expect("write probe page");
    let wrapper = format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe src="{}" style="width:{width}px;height:900px;border:0"></iframe>
<script>addEventListener('message', e => {{
  const pre = document.createElement('pre'); pre.id = 'report-metrics';
  pre.textContent = e.data; document.body.appendChild(pre);
}});</script></body></html>"#,
        probe_path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name")
    );
    let wrapper_path = html.with_file_name(format!("wrapper-{width}.html"));
    fs::write(&wrapper_path, wrapper).expect("write wrapper page");
    dumped_json(&wrapper_path, 2000, "report-metrics")
}

/// Loads a page in headless Chromium, lets it run for `budget_ms` of
/// virtual time, and returns the JSON text of its `<pre id="{id}">` element
/// (which a script in the page writes).
pub fn dumped_json(page: &Path, budget_ms: u32, id: &str) -> serde_json::Value {
    let profile = tempfile::tempdir().expect("profile dir");
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| which(b).is_some())
        .expect("headless Chromium is needed by the tests: apt-get install chromium (or run `cargo xtask test`, which installs what the tests need)");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--window-size=1400,1000")
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let open = format!("<pre id=\"{id}\">");
    let start = dom.find(&open).unwrap_or_else(|| {
        panic!(
            "no #{id} in Chromium's DOM:\n{dom}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let json = &dom[start + open.len()..];
    let json = &json[..json.find("</pre>").expect("end of the pre element")];
    let json = json
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("the pre element holds JSON")
}

/// An npm package set pinned in the repository (`package.json` and
/// `package-lock.json` among `files`, copied from `sources`), installed with
/// `npm ci` into `target/tmp/<name>` the first time, or when the files
/// change, under a file lock that parallel test binaries share. `installed`
/// names a package whose presence means the install is complete.
pub fn npm_package(name: &str, sources: &str, files: &[&str], installed: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::create_dir_all(&dir).expect("create npm package dir");
    let lock = fs::File::create(dir.join(".install.lock")).expect("create install lock");
    lock.lock().expect("lock the npm install");
    let mut changed = false;
    for file in files {
        let text = fs::read(repo_root().join(sources).join(file)).expect("read pinned file");
        if fs::read(dir.join(file)).ok().as_ref() != Some(&text) {
            fs::write(dir.join(file), text).expect("copy pinned file");
            changed = true;
        }
    }
    let marker = dir
        .join("node_modules")
        .join(installed)
        .join("package.json");
    if changed || !marker.is_file() {
        let output = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| {
                panic!("failed to run npm ({e})\nhint: apt-get install nodejs npm (or run `cargo xtask test`, which installs what the tests need)")
            });
        assert!(
            output.status.success(),
            "npm ci failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    dir
}

/// A Python virtual environment under target/tmp/`name` with the pinned
/// `requirements` (a path from the repository root), installed once with
/// pip under a file lock shared by every test binary; returns its Python.
pub fn python_venv(name: &str, requirements: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::create_dir_all(&dir).expect("create venv dir");
    let lock = fs::File::create(dir.join(".install.lock")).expect("create install lock");
    lock.lock().expect("lock the venv install");
    let wanted = fs::read(repo_root().join(requirements)).expect("read requirements");
    let python = dir.join("venv/bin/python");
    let installed = dir.join("installed-requirements.txt");
    if fs::read(&installed).ok().as_ref() != Some(&wanted) || !python.is_file() {
        let venv = Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(dir.join("venv"))
            .output()
            .unwrap_or_else(|e| {
                panic!("failed to run python3 ({e})\nhint: apt-get install python3 python3-venv (or run `cargo xtask test`, which installs what the tests need)")
            });
        assert!(
            venv.status.success(),
            "python3 -m venv failed (apt-get install python3-venv):\n{}",
            String::from_utf8_lossy(&venv.stderr)
        );
        let pip = Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(repo_root().join(requirements))
            .output()
            .expect("run pip");
        assert!(
            pip.status.success(),
            "pip install -r {requirements} failed:\n{}",
            String::from_utf8_lossy(&pip.stderr)
        );
        fs::write(&installed, &wanted).expect("record the install");
    }
    python
}

/// Waits for `child` (reading its output meanwhile) for at most `limit`;
/// past it the child is killed and the test fails, naming `what` ran.
pub fn finish_within(child: Child, limit: std::time::Duration, what: &str) -> Output {
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(limit) {
        Ok(output) => output.expect("wait for report"),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("{what} ran for more than {limit:?}");
        }
    }
}
