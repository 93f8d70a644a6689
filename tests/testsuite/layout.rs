//! Layout checked by machine on the sample's facing editions, screen and
//! print: every figure and table caption numbered and named in its page's
//! language, and no blank page carrying a running header or page number.

use std::path::Path;

use crate::support::{Project, pdf_info, pdf_page_text};

/// The lines a running header, footer or print slug puts on a page of the
/// sample's parallel editions.
fn is_furniture(line: &str) -> bool {
    let numbered = |label: &str| {
        line.split(" · ").all(|part| {
            part.strip_prefix(label)
                .or_else(|| part.strip_prefix("Página "))
                .or_else(|| part.strip_prefix("Page "))
                .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()))
        })
    };
    line == "Cuba, el aliado preferido de Putin"
        || line == "Cuba, Putin’s preferred ally"
        || numbered("Página ")
        || line.starts_with("cuba-putin-ally · ")
}

/// Pages whose only text is the running header, footer or slug.
fn blank_pages_with_furniture(pdf: &Path) -> Vec<usize> {
    let pages: usize = pdf_info(pdf)["Pages"].parse().expect("page count");
    (1..=pages)
        .filter(|&page| {
            let text = pdf_page_text(pdf, page);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let headed = lines
                .iter()
                .any(|l| !l.starts_with("cuba-putin-ally · ") && is_furniture(l));
            headed && lines.iter().all(|l| is_furniture(l))
        })
        .collect()
}

#[test]
fn facing_editions_caption_each_page_in_its_language_and_leave_blank_pages_blank() {
    let project = Project::sample();
    project
        .report(&["render", "--format", "parallel,print", "--layout", "facing"])
        .success();
    for pdf in [
        "build/parallel/cuba-putin-ally.es-en.pdf",
        "build/print/cuba-putin-ally.es-en.pdf",
    ] {
        let path = project.path(pdf);
        let pages: usize = pdf_info(&path)["Pages"].parse().expect("page count");
        let text: String = (1..=pages).map(|p| pdf_page_text(&path, p)).collect();
        for caption in [
            "Tabla 1: Votos de Cuba",
            "Figura 1: Las tres votaciones",
            "Table 1: Cuba’s votes",
            "Figure 1: The three votes",
        ] {
            assert!(text.contains(caption), "{pdf}: no {caption:?}:\n{text}");
        }
        for wrong in [
            "Figura 2",
            "Tabla 2",
            "Figure 2",
            "Table 2",
            "Figura 1: The",
            "Tabla 1: Cuba’s",
        ] {
            assert!(!text.contains(wrong), "{pdf}: {wrong:?}:\n{text}");
        }
        assert_eq!(
            blank_pages_with_furniture(&path),
            Vec::<usize>::new(),
            "{pdf}: blank pages with a running header or page number"
        );
    }
}
