//! `report diff`: review translations in a terminal, a pull request comment
//! (Markdown), a tool (JSON) or a browser (a standalone HTML page).

use std::io::{self, IsTerminal, Write as _};

use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use serde_json::json;

use crate::build::html::escape;
use crate::cli::{DiffArgs, DiffFormat, GlobalArgs};
use crate::cmd::l10n::{load_clean, translations};
use crate::cmd::{EXIT_PROBLEMS, Failure, load_project};
use crate::diagnostic::{Code, Problems};
use crate::l10n::lock::Lock;
use crate::l10n::review::{self, Change, ChangeKind, Piece, Row, Status};
use crate::workspace::load_catalogs;

/// Version of the JSON output's shape (docs/diff-json.md).
pub const JSON_VERSION: u32 = 1;

/// Runs `report diff`.
pub fn run(global: &GlobalArgs, args: &DiffArgs) -> Result<(), Failure> {
    let project = load_project(global)?;
    let targets = translations(&project, &args.lang)?;
    let wanted_id = |id: &str| args.id.as_deref().is_none_or(|glob| glob_match(glob, id));
    let mut out = Vec::new();
    let color = color_for(global);
    let flagged = match &args.base {
        None => {
            let source = load_clean(&project, &project.manifest.source_language)?;
            let mut rows = Vec::new();
            for language in &targets {
                let target = load_clean(&project, language)?;
                let lock = Lock::load(&project, language)?;
                rows.extend(review::review(&source, &target, &lock));
            }
            rows.retain(|r| {
                wanted_id(&r.id) && (args.status.is_empty() || args.status.contains(&r.status))
            });
            match args.format {
                DiffFormat::Terminal => terminal_rows(&rows, color, &mut out),
                DiffFormat::Markdown => markdown_rows(&rows, &mut out),
                DiffFormat::Json => json_out(
                    &json!({ "version": JSON_VERSION, "mode": "review", "rows": rows }),
                    &mut out,
                ),
                DiffFormat::Html => html_page("Translation review", &rows_html(&rows), &mut out),
            }
            rows.iter()
                .any(|r| matches!(r.status, Status::Stale | Status::Missing))
        }
        Some(base) => {
            let old = review::snapshot_at(&project, base)?;
            let new = match &args.head {
                Some(head) => review::snapshot_at(&project, head)?,
                None => {
                    let mut problems = Problems::default();
                    review::snapshot(&load_catalogs(&project, &mut problems))
                }
            };
            let head_name = args
                .head
                .clone()
                .unwrap_or_else(|| "working tree".to_owned());
            let mut changes = review::between(&old, &new, &project.manifest.source_language.tag);
            let languages: Vec<&str> = if args.lang.is_empty() {
                project
                    .manifest
                    .languages
                    .iter()
                    .map(|l| l.tag.as_str())
                    .collect()
            } else {
                targets.iter().map(|l| l.tag.as_str()).collect()
            };
            changes.retain(|c| wanted_id(&c.id) && languages.contains(&c.language.as_str()));
            match args.format {
                DiffFormat::Terminal => {
                    terminal_changes(&changes, base, &head_name, color, &mut out)
                }
                DiffFormat::Markdown => markdown_changes(&changes, base, &head_name, &mut out),
                DiffFormat::Json => json_out(
                    &json!({ "version": JSON_VERSION, "mode": "revisions", "base": base, "head": head_name, "changes": changes }),
                    &mut out,
                ),
                DiffFormat::Html => html_page(
                    &format!("Translation changes: {base} → {head_name}"),
                    &changes_html(&changes),
                    &mut out,
                ),
            }
            !changes.is_empty()
        }
    };
    io::stdout().lock().write_all(&out).map_err(|e| {
        crate::diagnostic::Problem::error(Code::Io, format!("failed to write the diff ({e})"))
    })?;
    if args.exit_code && flagged {
        return Err(Failure {
            problems: Problems::default(),
            code: EXIT_PROBLEMS,
        });
    }
    Ok(())
}

/// `*` matches any run of characters, `?` any one.
pub fn glob_match(glob: &str, text: &str) -> bool {
    let (glob, text): (Vec<char>, Vec<char>) = (glob.chars().collect(), text.chars().collect());
    let (mut g, mut t, mut star, mut mark) = (0, 0, None, 0);
    while t < text.len() {
        if g < glob.len() && (glob[g] == '?' || glob[g] == text[t]) {
            g += 1;
            t += 1;
        } else if g < glob.len() && glob[g] == '*' {
            star = Some(g);
            mark = t;
            g += 1;
        } else if let Some(s) = star {
            g = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|c| *c == '*')
}

fn color_for(global: &GlobalArgs) -> bool {
    match global.color {
        crate::output::ColorChoice::Always => true,
        crate::output::ColorChoice::Never => false,
        crate::output::ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100)
        .clamp(40, 200)
}

/// A styled run of text for the terminal.
struct Styled<'a> {
    text: &'a str,
    color: Option<Color>,
    strike: bool,
}

/// Writes `label` then `runs`, wrapped at word boundaries to the terminal
/// width, continuation lines indented under the text.
fn write_wrapped(out: &mut dyn WriteColor, label: &str, runs: &[Styled<'_>]) {
    let indent = 16;
    let width = width().saturating_sub(indent).max(20);
    let _ = write!(out, "    {label:<12}");
    let mut column = 0;
    for run in runs {
        let mut spec = ColorSpec::new();
        spec.set_fg(run.color)
            .set_bold(run.color.is_some())
            .set_strikethrough(run.strike);
        for (i, word) in run.text.split(' ').enumerate() {
            if i > 0 {
                if column + 1 + word.chars().count() > width && column > 0 {
                    let _ = write!(out, "\n{:indent$}", "");
                    column = 0;
                } else {
                    let _ = out.set_color(&spec);
                    let _ = write!(out, " ");
                    column += 1;
                }
            }
            let _ = out.set_color(&spec);
            let _ = write!(out, "{word}");
            let _ = out.reset();
            column += word.chars().count();
        }
    }
    let _ = writeln!(out);
}

fn plain_runs(text: &str) -> Vec<Styled<'_>> {
    vec![Styled {
        text,
        color: None,
        strike: false,
    }]
}

fn diff_runs(pieces: &[Piece], color: bool) -> Vec<Styled<'_>> {
    pieces
        .iter()
        .map(|p| match p.op {
            "delete" => Styled {
                text: &p.text,
                color: Some(Color::Red),
                strike: color,
            },
            "insert" => Styled {
                text: &p.text,
                color: Some(Color::Green),
                strike: false,
            },
            _ => Styled {
                text: &p.text,
                color: None,
                strike: false,
            },
        })
        .collect()
}

/// For the terminal without color, changes are marked `[-old-]{+new+}`.
fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p.op {
            "delete" => format!("[-{}-]", p.text),
            "insert" => format!("{{+{}+}}", p.text),
            _ => p.text.clone(),
        })
        .collect()
}

fn status_color(status: Status) -> Option<Color> {
    match status {
        Status::Ok => Some(Color::Green),
        Status::Missing | Status::Stale => Some(Color::Red),
        Status::Unchanged | Status::Obsolete => Some(Color::Yellow),
    }
}

fn terminal_rows(rows: &[Row], color: bool, out: &mut Vec<u8>) {
    let mut stream = termcolor_buffer(color);
    for row in rows {
        let mut spec = ColorSpec::new();
        spec.set_fg(status_color(row.status)).set_bold(true);
        let _ = stream.set_color(&spec);
        let _ = write!(stream, "{:<6} {:<10}", row.language, row.status.name());
        let _ = stream.reset();
        let _ = writeln!(stream, "{}", row.id);
        if !row.source_changes.is_empty() {
            let text = marked(&row.source_changes);
            if color {
                write_wrapped(
                    &mut stream,
                    "source",
                    &diff_runs(&row.source_changes, color),
                );
            } else {
                write_wrapped(&mut stream, "source", &plain_runs(&text));
            }
        } else if let Some(source) = &row.source {
            write_wrapped(&mut stream, "source", &plain_runs(source));
        }
        if let Some(translation) = &row.translation {
            write_wrapped(&mut stream, "translation", &plain_runs(translation));
        }
    }
    let counts = count_statuses(rows);
    let _ = writeln!(stream, "\n{} row(s): {counts}", rows.len());
    out.extend(stream.into_inner());
}

fn count_statuses(rows: &[Row]) -> String {
    let mut counts: Vec<String> = Vec::new();
    for status in [
        Status::Ok,
        Status::Missing,
        Status::Stale,
        Status::Unchanged,
        Status::Obsolete,
    ] {
        let n = rows.iter().filter(|r| r.status == status).count();
        if n > 0 {
            counts.push(format!("{n} {}", status.name()));
        }
    }
    if counts.is_empty() {
        "nothing to show".to_owned()
    } else {
        counts.join(", ")
    }
}

fn terminal_changes(changes: &[Change], base: &str, head: &str, color: bool, out: &mut Vec<u8>) {
    let mut stream = termcolor_buffer(color);
    let _ = writeln!(stream, "changes from {base} to {head}\n");
    for change in changes {
        let tint = match change.kind {
            ChangeKind::Added => Color::Green,
            ChangeKind::Removed => Color::Red,
            ChangeKind::Changed => Color::Yellow,
            ChangeKind::NeedsReview => Color::Magenta,
        };
        let mut spec = ColorSpec::new();
        spec.set_fg(Some(tint)).set_bold(true);
        let _ = stream.set_color(&spec);
        let _ = write!(stream, "{:<6} {:<13}", change.language, change.kind.name());
        let _ = stream.reset();
        let _ = writeln!(stream, "{}", change.id);
        let label = if change.kind == ChangeKind::NeedsReview {
            "source"
        } else {
            "text"
        };
        match change.kind {
            ChangeKind::Added => write_wrapped(
                &mut stream,
                label,
                &plain_runs(change.new.as_deref().unwrap_or("")),
            ),
            ChangeKind::Removed => write_wrapped(
                &mut stream,
                label,
                &plain_runs(change.old.as_deref().unwrap_or("")),
            ),
            _ if color => write_wrapped(&mut stream, label, &diff_runs(&change.changes, color)),
            _ => write_wrapped(&mut stream, label, &plain_runs(&marked(&change.changes))),
        }
        if let Some(translation) = &change.translation {
            write_wrapped(&mut stream, "translation", &plain_runs(translation));
        }
    }
    let _ = writeln!(stream, "\n{} change(s)", changes.len());
    out.extend(stream.into_inner());
}

fn termcolor_buffer(color: bool) -> codespan_reporting::term::termcolor::Buffer {
    if color {
        codespan_reporting::term::termcolor::Buffer::ansi()
    } else {
        codespan_reporting::term::termcolor::Buffer::no_color()
    }
}

/// Markdown table cells: no pipes or newlines, and no accidental markup.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn md_diff(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| {
            let text = md(&p.text);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return text;
            }
            match p.op {
                "delete" => text.replace(trimmed, &format!("~~{trimmed}~~")),
                "insert" => text.replace(trimmed, &format!("**{trimmed}**")),
                _ => text,
            }
        })
        .collect()
}

fn markdown_rows(rows: &[Row], out: &mut Vec<u8>) {
    let mut text =
        String::from("| Language | Id | Status | Source | Translation |\n|---|---|---|---|---|\n");
    for row in rows {
        let source = if row.source_changes.is_empty() {
            row.source.as_deref().map(md).unwrap_or_default()
        } else {
            md_diff(&row.source_changes)
        };
        text.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            row.language,
            row.id,
            row.status.name(),
            source,
            row.translation.as_deref().map(md).unwrap_or_default()
        ));
    }
    text.push_str(&format!(
        "\n{} row(s): {}\n",
        rows.len(),
        count_statuses(rows)
    ));
    out.extend(text.into_bytes());
}

fn markdown_changes(changes: &[Change], base: &str, head: &str, out: &mut Vec<u8>) {
    let mut text = format!(
        "**Translation changes** from `{base}` to `{head}`\n\n| Language | Id | Change | Text | Translation |\n|---|---|---|---|---|\n"
    );
    for change in changes {
        let body = match change.kind {
            ChangeKind::Added => change.new.as_deref().map(md).unwrap_or_default(),
            ChangeKind::Removed => {
                format!("~~{}~~", change.old.as_deref().map(md).unwrap_or_default())
            }
            _ => md_diff(&change.changes),
        };
        text.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            change.language,
            change.id,
            change.kind.name(),
            body,
            change.translation.as_deref().map(md).unwrap_or_default()
        ));
    }
    text.push_str(&format!("\n{} change(s)\n", changes.len()));
    out.extend(text.into_bytes());
}

fn json_out(value: &serde_json::Value, out: &mut Vec<u8>) {
    out.extend(
        serde_json::to_string_pretty(value)
            .unwrap_or_default()
            .into_bytes(),
    );
    out.push(b'\n');
}

fn html_diff(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p.op {
            "delete" => format!("<del>{}</del>", escape(&p.text)),
            "insert" => format!("<ins>{}</ins>", escape(&p.text)),
            _ => escape(&p.text),
        })
        .collect()
}

fn rows_html(rows: &[Row]) -> String {
    let mut body = String::from(
        "<table>\n<thead><tr><th>Language</th><th>Id</th><th>Status</th><th>Source</th><th>Translation</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let source = if row.source_changes.is_empty() {
            row.source.as_deref().map(escape).unwrap_or_default()
        } else {
            html_diff(&row.source_changes)
        };
        body.push_str(&format!(
            "<tr class=\"{status}\"><td>{}</td><td><code>{}</code></td><td class=\"status\">{status}</td><td lang=\"\">{source}</td><td lang=\"{}\">{}</td></tr>\n",
            escape(&row.language),
            escape(&row.id),
            escape(&row.language),
            row.translation.as_deref().map(escape).unwrap_or_default(),
            status = row.status.name(),
        ));
    }
    body.push_str(&format!(
        "</tbody>\n</table>\n<p>{} row(s): {}</p>\n",
        rows.len(),
        escape(&count_statuses(rows))
    ));
    body
}

fn changes_html(changes: &[Change]) -> String {
    let mut body = String::from(
        "<table>\n<thead><tr><th>Language</th><th>Id</th><th>Change</th><th>Text</th><th>Translation</th></tr></thead>\n<tbody>\n",
    );
    for change in changes {
        let text = match change.kind {
            ChangeKind::Added => format!(
                "<ins>{}</ins>",
                change.new.as_deref().map(escape).unwrap_or_default()
            ),
            ChangeKind::Removed => format!(
                "<del>{}</del>",
                change.old.as_deref().map(escape).unwrap_or_default()
            ),
            _ => html_diff(&change.changes),
        };
        body.push_str(&format!(
            "<tr class=\"{kind}\"><td>{}</td><td><code>{}</code></td><td class=\"status\">{kind}</td><td>{text}</td><td>{}</td></tr>\n",
            escape(&change.language),
            escape(&change.id),
            change.translation.as_deref().map(escape).unwrap_or_default(),
            kind = change.kind.name(),
        ));
    }
    body.push_str(&format!(
        "</tbody>\n</table>\n<p>{} change(s)</p>\n",
        changes.len()
    ));
    body
}

fn html_page(title: &str, body: &str, out: &mut Vec<u8>) {
    let page = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.45em 0.6em; border-bottom: 1px solid #ddd; }}
th {{ background: #f4f4f4; position: sticky; top: 0; }}
td:nth-child(4), td:nth-child(5) {{ width: 35%; font-family: Georgia, serif; }}
del {{ background: #ffd7d5; color: #82071e; }}
ins {{ background: #d1f8d9; color: #055d20; text-decoration: none; }}
.status {{ font-weight: bold; white-space: nowrap; }}
tr.stale .status, tr.missing .status, tr.removed .status {{ color: #b3261e; }}
tr.needs-review .status {{ color: #8250df; }}
tr.ok .status, tr.added .status {{ color: #1a7f37; }}
tr.unchanged .status, tr.obsolete .status, tr.changed .status {{ color: #9a6700; }}
@media (max-width: 40rem) {{ td, th {{ display: block; width: auto !important; }} thead {{ display: none; }} tr {{ display: block; border-bottom: 2px solid #ccc; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
{body}</body>
</html>
"#,
        title = escape(title)
    );
    out.extend(page.into_bytes());
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("vote-*", "vote-hrc"));
        assert!(glob_match("*-title", "summary-title"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("vote-*", "votes"));
        assert!(glob_match("*", ""));
    }
}
