//! Running a plan: a small pool of workers renders editions from a queue
//! that preparation fills as documents are written, so Typst starts on the
//! first documents while the next ones are still being resolved; among the
//! editions ready, the longest start first (see [`super::queue`]).
//!
//! When one edition fails the others still finish; an interrupt stops the
//! workers, and editions that never started keep their previous files.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use super::prepare::{Prepared, prepare_streaming};
use super::print::OutputProfile;
use super::problems::merge_edition_problems;
use super::queue::{EditionQueue, Next};
use super::renderer::EditionRenderer;
use super::timestamp::creation_timestamp;
use super::{Edition, Outcome, Plan, Rendered};
use crate::diagnostic::{Code, Problem, Problems};
use crate::platform::interrupt::interrupted;
use crate::project::{DocumentKind, Format, Project};
use crate::typst::Typst;

/// An edition's place in the plan, the edition, and what came of it.
struct EditionResult {
    index: usize,
    edition: Edition,
    result: Result<Rendered, Problems>,
}

/// Renders the plan. `on_rendered` is called as each edition is written
/// (from worker threads), so progress can be shown while others run.
pub(crate) fn render(
    project: &Project,
    typst: &Typst,
    plan: &Plan,
    on_rendered: &(dyn Fn(&Rendered) + Sync),
) -> Outcome {
    let mut problems = Problems::default();
    let stylesheet = read_stylesheet(project, &mut problems);
    let print_profile = read_print_profile(project, plan, &mut problems);
    let renderer = EditionRenderer {
        project,
        typst,
        plan,
        stylesheet: stylesheet.as_deref(),
        timestamp: creation_timestamp(project),
        print_profile: print_profile.as_ref(),
        labels: OnceLock::new(),
    };
    let queue = EditionQueue::default();
    let results: Mutex<Vec<EditionResult>> = Mutex::new(Vec::new());
    let workers = plan.workers.clamp(1, plan.edition_count().max(1));
    let prepared = std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| work(&renderer, &queue, &results, on_rendered));
        }
        let mut queued: Vec<Edition> = Vec::new();
        let prepared = prepare_streaming(project, plan, &mut |prepared| {
            renderer.labels.get_or_init(|| prepared.labels.clone());
            for edition in ready_editions(plan, prepared) {
                if !queued.contains(&edition) {
                    queue.push(queued.len(), edition.clone());
                    queued.push(edition);
                }
            }
        });
        // No more editions: the workers finish the queue and stop.
        queue.close();
        prepared
    });
    let mut outcome = prepared.outcome;
    outcome.problems.extend(problems);
    // Editions an interrupt kept from starting keep their previous files.
    outcome.failed.extend(queue.leftovers());
    // Said once, even if the check before rendering said it already.
    let told = outcome.problems.iter().any(|p| p.code == Code::Interrupted);
    if interrupted() && !told {
        outcome.problems.push(
            Problem::error(
                Code::Interrupted,
                "interrupted: Typst was stopped and unfinished files removed",
            )
            .with_hint("every edition that did not finish keeps its previous file"),
        );
    }
    collect(results.into_inner().unwrap_or_default(), &mut outcome);
    outcome
}

/// A worker: takes editions off the queue until it is closed or `report`
/// is interrupted.
fn work(
    renderer: &EditionRenderer<'_>,
    queue: &EditionQueue,
    results: &Mutex<Vec<EditionResult>>,
    on_rendered: &(dyn Fn(&Rendered) + Sync),
) {
    while !interrupted() {
        let (index, edition) = match queue.next(Duration::from_millis(50)) {
            Next::Edition(index, edition) => (index, edition),
            Next::NotYet => continue,
            Next::Done => break,
        };
        let result = renderer.render(&edition);
        if let Ok(rendered) = &result {
            on_rendered(rendered);
        }
        if let Ok(mut results) = results.lock() {
            results.push(EditionResult {
                index,
                edition,
                result,
            });
        }
    }
}

/// Puts the workers' results into the outcome in plan order, with one
/// problem for each template error however many editions it broke.
fn collect(mut results: Vec<EditionResult>, outcome: &mut Outcome) {
    results.sort_by_key(|r| r.index);
    let mut edition_problems = Vec::new();
    for EditionResult {
        edition, result, ..
    } in results
    {
        match result {
            Ok(mut rendered) => {
                edition_problems.extend(std::mem::take(&mut rendered.warnings));
                outcome.rendered.push(rendered);
            }
            Err(problems) => {
                edition_problems.extend(problems);
                outcome.failed.push(edition);
            }
        }
    }
    outcome
        .problems
        .extend(merge_edition_problems(edition_problems));
}

fn read_stylesheet(project: &Project, problems: &mut Problems) -> Option<String> {
    let path = project.manifest.stylesheet.as_ref()?;
    project
        .files
        .read_text(path)
        .map_err(|found| problems.extend(found))
        .ok()
}

fn read_print_profile(
    project: &Project,
    plan: &Plan,
    problems: &mut Problems,
) -> Option<OutputProfile> {
    if !plan.formats.contains(&Format::Print) {
        return None;
    }
    OutputProfile::read(project)
        .map_err(|found| problems.extend(found))
        .ok()
}

/// The editions whose documents are written: each prepared language's
/// single editions, in the plan's format order, then every parallel pair
/// both of whose documents are written.
pub(crate) fn ready_editions(plan: &Plan, prepared: &Prepared) -> Vec<Edition> {
    let singles = prepared
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Single)
        .flat_map(|d| plan.single_editions(&d.language));
    let pairs = plan
        .parallel
        .iter()
        .filter(|pair| {
            pair.languages()
                .iter()
                .all(|l| prepared.has_document(l, DocumentKind::Parallel))
        })
        .flat_map(|pair| plan.pair_editions(pair));
    singles.chain(pairs).collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::build::prepare::PreparedDocument;
    use crate::project::{Format, Language, Layout, ParallelPair};

    fn language(tag: &str) -> Language {
        Language::parse(tag).expect("tag")
    }

    fn plan() -> Plan {
        let (es, en, fr) = (language("es"), language("en"), language("fr"));
        Plan {
            languages: vec![es.clone(), en.clone(), fr.clone()],
            formats: vec![Format::Pdf, Format::Html],
            parallel: vec![
                ParallelPair {
                    left: es.clone(),
                    right: en,
                },
                ParallelPair {
                    left: es,
                    right: fr,
                },
            ],
            layout: Layout::Columns,
            workers: 2,
            missing: Default::default(),
            rebuild: Default::default(),
            trace_commands: false,
            timeout: std::time::Duration::from_secs(1),
        }
    }

    fn written(documents: &[(&str, DocumentKind)]) -> Prepared {
        Prepared {
            documents: documents
                .iter()
                .map(|(tag, kind)| PreparedDocument {
                    language: language(tag),
                    kind: *kind,
                    path: PathBuf::new(),
                })
                .collect(),
            ..Prepared::default()
        }
    }

    fn labels(editions: Vec<Edition>) -> Vec<String> {
        editions.iter().map(Edition::label).collect()
    }

    #[test]
    fn a_language_is_queued_as_soon_as_its_document_is_written() {
        let plan = plan();
        let prepared = written(&[("en", DocumentKind::Single)]);
        assert_eq!(
            labels(ready_editions(&plan, &prepared)),
            ["en pdf", "en html"]
        );
    }

    #[test]
    fn a_pair_waits_for_both_parallel_documents() {
        let plan = plan();
        let prepared = written(&[
            ("es", DocumentKind::Single),
            ("es", DocumentKind::Parallel),
            ("fr", DocumentKind::Parallel),
        ]);
        assert_eq!(
            labels(ready_editions(&plan, &prepared)),
            [
                "es pdf",
                "es html",
                "es-fr parallel pdf",
                "es-fr parallel html"
            ]
        );
    }

    #[test]
    fn results_come_back_in_plan_order_with_problems_merged() {
        let plan = plan();
        let editions = plan.editions();
        let failure = |edition: &Edition| {
            Problems::from(
                Problem::error(Code::Typst, "unknown variable: foo").in_edition(edition.label()),
            )
        };
        let results = vec![
            EditionResult {
                index: 1,
                edition: editions[1].clone(),
                result: Err(failure(&editions[1])),
            },
            EditionResult {
                index: 0,
                edition: editions[0].clone(),
                result: Err(failure(&editions[0])),
            },
        ];
        let mut outcome = Outcome::default();
        collect(results, &mut outcome);
        assert_eq!(labels(outcome.failed), ["es pdf", "es html"]);
        assert_eq!(outcome.problems.len(), 1);
        assert_eq!(outcome.problems[0].editions, ["es pdf", "es html"]);
    }
}
