//! axe-core (pinned in `tests/accessibility/package.json`, installed with
//! `npm ci`) on every HTML edition, in Debian's headless Chromium: every
//! rule axe runs by default (WCAG 2.x A and AA, best practices), zero
//! violations.

use std::fs;
use std::path::Path;

use crate::support::{Project, dumped_json, npm_package};

/// The violations axe-core finds in the page at `html` (rule id, impact and
/// the nodes).
pub fn axe_violations(html: &Path) -> Vec<serde_json::Value> {
    let axe = npm_package(
        "accessibility",
        "tests/accessibility",
        &["package.json", "package-lock.json"],
        "axe-core",
    );
    let script =
        fs::read_to_string(axe.join("node_modules/axe-core/axe.min.js")).expect("axe.min.js");
    let page = fs::read_to_string(html).expect("read the edition");
    // axe runs on the page as published; its result goes into a <pre> made
    // after the run, so it is never part of what is checked.
    let run = "<script>axe.run(document).then(r => { const pre = document.createElement('pre'); \
        pre.id = 'axe-results'; pre.textContent = JSON.stringify(r.violations.map(v => \
        ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))); \
        document.body.appendChild(pre); });</script>";
    let probed = page.replace("</body>", &format!("<script>{script}</script>{run}</body>"));
    let probe = html.with_file_name("axe-probe.html");
    fs::write(&probe, probed).expect("write the probe page");
    let violations = dumped_json(&probe, 20_000, "axe-results");
    fs::remove_file(&probe).ok();
    violations.as_array().cloned().unwrap_or_default()
}

/// Asserts that axe-core finds nothing on each of `pages`.
#[track_caller]
pub fn assert_no_violations(project: &Project, pages: &[&str]) {
    for page in pages {
        let violations = axe_violations(&project.path(page));
        assert!(
            violations.is_empty(),
            "{page}: {}",
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }
}

#[test]
fn every_html_edition_of_the_sample_has_no_axe_violations() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "html,parallel"])
        .success();
    assert_no_violations(
        &project,
        &[
            "build/es/index.html",
            "build/en/index.html",
            "build/parallel/cuba-putin-ally.es-en.html",
        ],
    );
}

#[test]
fn axe_finds_what_it_should() {
    // The check can fail: a page without a main landmark and with an image
    // without alt text is reported.
    let project = Project::empty();
    project.write(
        "page.html",
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><p>text</p><img src=\"x.png\"></body></html>",
    );
    let ids: Vec<String> = axe_violations(&project.path("page.html"))
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.contains(&"landmark-one-main".to_owned()), "{ids:?}");
    assert!(ids.contains(&"image-alt".to_owned()), "{ids:?}");
}

#[test]
fn the_starter_project_of_report_init_has_no_axe_violations() {
    let project = Project::empty();
    project.report(&["init", "starter"]).success();
    project
        .report(&[
            "--project",
            "starter",
            "render",
            "--format",
            "html,parallel",
        ])
        .success();
    assert_no_violations(
        &project,
        &[
            "starter/build/es/index.html",
            "starter/build/en/index.html",
            "starter/build/parallel/starter.es-en.html",
        ],
    );
}
