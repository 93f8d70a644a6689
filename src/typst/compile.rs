//! One `typst compile`: the command line built from a [`Compile`] job, the
//! supervised run, and Typst's diagnostics read back as problems.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use super::diagnostics::parse_diagnostics;
use super::{Typst, spawn_problem};
use crate::diagnostic::{Code, Problem, Problems, Result, Warned};
use crate::platform::process::{Stopped, supervise};
use crate::project::Format;

/// A `--input key=value` pair: what a template reads from `sys.inputs`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Input {
    /// The key (`report-data`).
    pub key: String,
    /// The value (a path from the project root, or a word).
    pub value: String,
}

impl Input {
    /// A pair.
    pub(crate) fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// One `typst compile` invocation.
#[derive(Debug, Clone)]
pub(crate) struct Compile {
    /// `--root`: the project root; Typst may read nothing outside it.
    pub root: PathBuf,
    /// The entry template, relative to the root.
    pub template: PathBuf,
    /// Where Typst writes its output.
    pub output: PathBuf,
    /// What Typst writes: PDF or HTML.
    pub format: Format,
    /// `--input key=value` pairs.
    pub inputs: Vec<Input>,
    /// `--font-path`, if the project has fonts.
    pub font_path: Option<PathBuf>,
    /// `--creation-timestamp` (seconds since the Unix epoch).
    pub creation_timestamp: Option<i64>,
    /// `--pdf-standard` values (PDF only).
    pub pdf_standards: Vec<String>,
    /// Whether the PDF is tagged (a print edition is not: PDF/X wants no
    /// annotations on the page, and tags point at the links').
    pub pdf_tags: bool,
    /// Where Typst writes the list of files it read (`--deps`, JSON).
    pub deps: Option<PathBuf>,
    /// Print the command line to stderr before running it.
    pub trace: bool,
    /// Stop Typst after this long.
    pub timeout: Option<Duration>,
}

impl Typst {
    /// Runs `typst compile`. Typst errors come back as problems pointing into
    /// the template files; warnings ride along on success.
    pub(crate) fn compile(&self, job: &Compile) -> Result<Warned<()>> {
        let command = self.compile_command(job);
        if job.trace {
            eprintln!("running: {}", describe(&command, &job.root));
        }
        let output = self.run(command, job.timeout)?;
        read_result(job, &output)
    }

    /// The `typst compile` command line for `job`, run from the project root.
    pub(crate) fn compile_command(&self, job: &Compile) -> Command {
        let mut command = Command::new(&self.path);
        command
            .current_dir(&job.root)
            .arg("compile")
            .arg("--root")
            .arg(&job.root)
            .arg("--ignore-system-fonts")
            .args(["--diagnostic-format", "short"])
            .args(["--format", job.format.typst_format()]);
        if job.format == Format::Html {
            command.args(["--features", "html"]);
        }
        for Input { key, value } in &job.inputs {
            command.arg("--input").arg(format!("{key}={value}"));
        }
        if let Some(fonts) = &job.font_path {
            command.arg("--font-path").arg(fonts);
        }
        if let Some(timestamp) = job.creation_timestamp {
            command
                .arg("--creation-timestamp")
                .arg(timestamp.to_string());
        }
        if job.format != Format::Html {
            for standard in &job.pdf_standards {
                command.args(["--pdf-standard", standard]);
            }
            if !job.pdf_tags {
                command.arg("--no-pdf-tags");
            }
        }
        if let Some(deps) = &job.deps {
            command
                .arg("--deps")
                .arg(deps)
                .args(["--deps-format", "json"]);
        }
        command.arg(&job.template).arg(&job.output);
        command.stdin(Stdio::null());
        command
    }

    /// The values of the `metadata` labelled `label` that `job`'s template
    /// places (`typst query … "<label>" --field value`), as JSON; the same
    /// inputs, root and fonts as its compile.
    pub(crate) fn query(&self, job: &Compile, label: &str) -> Result<Vec<serde_json::Value>> {
        let mut command = Command::new(&self.path);
        command
            .current_dir(&job.root)
            .arg("query")
            .arg("--root")
            .arg(&job.root)
            .arg("--ignore-system-fonts");
        for Input { key, value } in &job.inputs {
            command.arg("--input").arg(format!("{key}={value}"));
        }
        if let Some(fonts) = &job.font_path {
            command.arg("--font-path").arg(fonts);
        }
        command
            .arg(&job.template)
            .arg(format!("<{label}>"))
            .args(["--field", "value", "--format", "json"])
            .stdin(Stdio::null());
        let output = self.run(command, job.timeout)?;
        if !output.status.success() {
            return Err(read_result(job, &output).err().unwrap_or_default());
        }
        serde_json::from_slice(&output.stdout).map_err(|e| {
            Problem::error(
                Code::Typst,
                format!("failed to read `typst query`'s answer ({e})"),
            )
            .into()
        })
    }

    /// Runs Typst to completion, or stops it on interrupt or timeout.
    fn run(&self, command: Command, timeout: Option<Duration>) -> Result<Output> {
        match supervise(command, timeout).map_err(|e| spawn_problem(&self.path, &e))? {
            Ok(output) => Ok(output),
            Err(Stopped::Interrupted) => {
                Err(Problem::error(Code::Interrupted, "stopped by an interrupt").into())
            }
            Err(Stopped::TimedOut(limit)) => Err(Problem::error(
                Code::Timeout,
                format!("Typst was stopped after {}s", limit.as_secs()),
            )
            .with_hint(
                "does a template loop without end or grow without bound? \
                 If the report is simply large, raise --timeout",
            )
            .into()),
        }
    }
}

/// The command as a shell line, each word quoted where it needs to be (a
/// `--input` of JSON with spaces), so that it can be pasted and run.
fn describe(command: &Command, root: &Path) -> String {
    let quote = |word: &std::ffi::OsStr| {
        let word = word.to_string_lossy();
        shlex::try_quote(&word).map_or_else(|_| word.to_string(), |q| q.into_owned())
    };
    let words: Vec<String> = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(quote)
        .collect();
    format!("(cd {} && {})", quote(root.as_os_str()), words.join(" "))
}

/// What a finished Typst run means: its warnings on success; its errors,
/// or a crash report when it failed without saying why.
fn read_result(job: &Compile, output: &Output) -> Result<Warned<()>> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut problems = parse_diagnostics(&stderr, &job.root);
    // Typst says this on every HTML export; it is known and not actionable.
    problems.retain(|p| {
        !p.message
            .starts_with("html export is under active development")
    });
    hint_unwritable_output(&mut problems, job);
    if output.status.success() {
        // Typst succeeded: what it said is warnings.
        let (_, warnings) = problems.split();
        return Ok(Warned {
            value: (),
            warnings,
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    if let Some(problem) = file_size_limit(job, output) {
        return Err(problem.into());
    }
    let mut problem = Problem::error(
        Code::Typst,
        format!("typst compile failed ({})", output.status),
    )
    .with_hint("this looks like a Typst crash; run the command with -v to see it");
    let trimmed = stderr.trim();
    if !trimmed.is_empty() {
        problem = problem.with_note(format!("typst said:\n{trimmed}"));
    }
    Err(problem.into())
}

/// Typst could not write its output (a full disk, a size limit, a directory
/// that changed under it): say what to look at.
/// Typst killed by SIGXFSZ hit a file-size limit (`ulimit -f`) while
/// writing its output: said like any other failed write, not as a crash.
fn file_size_limit(job: &Compile, output: &Output) -> Option<Problem> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if output.status.signal() == Some(signal_hook::consts::SIGXFSZ) {
            let mut problems = Problems::from(Problem::error(
                Code::Typst,
                format!(
                    "failed to write {} file (File too large: the file-size limit was reached)",
                    job.format.name().to_uppercase()
                ),
            ));
            hint_unwritable_output(&mut problems, job);
            return problems.into_vec().pop();
        }
    }
    let _ = (job, output);
    None
}

fn hint_unwritable_output(problems: &mut Problems, job: &Compile) {
    let directory = job
        .output
        .parent()
        .map(|dir| dir.strip_prefix(&job.root).unwrap_or(dir))
        .unwrap_or(Path::new("the output directory"));
    for problem in problems.iter_mut() {
        if problem.message.starts_with("failed to write") && problem.hint.is_none() {
            problem.hint = Some(format!(
                "check that {} is writable and its disk has room; \
                 the previous edition was kept",
                directory.display()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::process::command_words;
    use crate::typst::Origin;

    fn typst() -> Typst {
        Typst {
            path: PathBuf::from("/opt/typst"),
            version: semver::Version::new(0, 15, 1),
            origin: Origin::Explicit,
        }
    }

    fn job(format: Format) -> Compile {
        Compile {
            root: PathBuf::from("/project"),
            template: PathBuf::from("templates/report.typ"),
            output: PathBuf::from("/project/build/es/.out.tmp"),
            format,
            inputs: vec![Input::new("report-data", "build/.report/es.json")],
            font_path: Some(PathBuf::from("/project/fonts")),
            creation_timestamp: Some(1_713_139_200),
            pdf_standards: vec!["ua-1".into(), "a-2a".into()],
            pdf_tags: true,
            deps: Some(PathBuf::from("/project/build/.report/deps.json")),
            trace: false,
            timeout: None,
        }
    }

    #[test]
    fn a_pdf_job_asks_for_the_pdf_standards_and_no_html_feature() {
        let command = typst().compile_command(&job(Format::Pdf));
        assert_eq!(command.get_program(), "/opt/typst");
        assert_eq!(command.get_current_dir(), Some(Path::new("/project")));
        assert_eq!(
            command_words(&command).join(" "),
            "compile --root /project --ignore-system-fonts --diagnostic-format short \
             --format pdf --input report-data=build/.report/es.json \
             --font-path /project/fonts --creation-timestamp 1713139200 \
             --pdf-standard ua-1 --pdf-standard a-2a \
             --deps /project/build/.report/deps.json --deps-format json \
             templates/report.typ /project/build/es/.out.tmp"
        );
    }

    #[test]
    fn an_html_job_enables_html_and_leaves_out_pdf_standards() {
        let mut html = job(Format::Html);
        html.font_path = None;
        html.creation_timestamp = None;
        html.deps = None;
        let args = command_words(&typst().compile_command(&html)).join(" ");
        assert!(args.contains("--format html --features html"), "{args}");
        assert!(!args.contains("--pdf-standard"), "{args}");
        assert!(!args.contains("--font-path"), "{args}");
        assert!(!args.contains("--deps"), "{args}");
        assert!(
            args.ends_with("templates/report.typ /project/build/es/.out.tmp"),
            "{args}"
        );
    }

    #[test]
    fn the_trace_line_can_be_pasted_into_a_shell() {
        let command = typst().compile_command(&job(Format::Html));
        let line = describe(&command, Path::new("/project"));
        assert!(
            line.starts_with("(cd /project && /opt/typst compile "),
            "{line}"
        );
    }

    #[cfg(unix)]
    fn finished(code: i32, stderr: &str) -> Output {
        use std::os::unix::process::ExitStatusExt as _;
        Output {
            status: std::process::ExitStatus::from_raw(code << 8),
            stdout: Vec::new(),
            stderr: stderr.as_bytes().to_vec(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_silent_failure_reads_as_a_crash_and_known_noise_is_dropped() {
        let crash = read_result(&job(Format::Pdf), &finished(101, "thread main panicked\n"))
            .expect_err("failed");
        assert!(crash[0].message.contains("typst compile failed"));
        assert!(crash[0].notes[0].contains("thread main panicked"));
        let html = read_result(
            &job(Format::Html),
            &finished(
                0,
                "warning: html export is under active development and incomplete\n",
            ),
        )
        .expect("succeeded");
        assert!(html.warnings.is_empty());
        let full = read_result(
            &job(Format::Pdf),
            &finished(
                1,
                "error: failed to write PDF file (No space left on device)\n",
            ),
        )
        .expect_err("failed");
        assert!(
            full[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("build/es is writable"))
        );
    }
}
