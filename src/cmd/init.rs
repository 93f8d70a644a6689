//! `report init`: a new project that renders at once.

use std::path::PathBuf;

use crate::cli::{GlobalArgs, InitArgs};
use crate::cmd::Failure;
use crate::diagnostic::{Code, Problem};
use crate::init::{self, Options};
use crate::project::Language;

/// Runs `report init`.
pub(super) fn run(global: &GlobalArgs, args: &InitArgs) -> Result<(), Failure> {
    let cwd = std::env::current_dir().map_err(|e| Problem::io("read", &PathBuf::from("."), &e))?;
    let dir = match &args.dir {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => cwd.join(dir),
        None => cwd.clone(),
    };
    let languages = languages(args)?;
    let folder = dir
        .canonicalize()
        .unwrap_or_else(|_| dir.clone())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = args.name.clone().unwrap_or_else(|| init::slug(&folder));
    let mut created = init::init(&Options {
        dir: dir.clone(),
        name,
        languages,
        date: init::today(),
    })?;
    // The lock files, from the files just written: a translation is known
    // stale from the first change of its source.
    let project = crate::project::Project::load(&dir)?;
    created.extend(
        super::l10n::lock_every_translation(&project)?
            .into_iter()
            .map(PathBuf::from),
    );
    if !global.quiet {
        println!("created a report project in {}:", dir.display());
        for path in created {
            println!("  {}", path.display());
        }
        let cd = args
            .dir
            .as_ref()
            .map(|d| format!("cd {} && ", d.display()))
            .unwrap_or_default();
        println!("\nnext: {cd}report render");
    }
    Ok(())
}

/// `--languages`, checked, with `--source` first.
fn languages(args: &InitArgs) -> Result<Vec<Language>, Failure> {
    let mut languages = Vec::new();
    for tag in &args.languages {
        let language = Language::parse(tag.trim()).map_err(|message| {
            Failure::usage(
                Problem::error(Code::Usage, message)
                    .with_hint("use tags such as es, en, es-MX, en-US"),
            )
        })?;
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    if let Some(source) = &args.source {
        let Some(index) = languages.iter().position(|l| &l.tag == source) else {
            return Err(Failure::usage(
                Problem::error(
                    Code::Usage,
                    format!("--source `{source}` is not one of --languages"),
                )
                .with_hint(format!(
                    "add it: --languages {source},{}",
                    args.languages.join(",")
                )),
            ));
        };
        let language = languages.remove(index);
        languages.insert(0, language);
    }
    if languages.is_empty() {
        return Err(Failure::usage(Problem::error(
            Code::Usage,
            "--languages is empty",
        )));
    }
    Ok(languages)
}
