//! The translation units of one language: what an export writes and what
//! an import is checked against ([`Exchange`]).
//!
//! One unit per message value and per attribute. A select expression is
//! not shown as Fluent: each of its variants is a unit of its own, grouped,
//! and a plural select gets one unit per CLDR category *the target language*
//! needs (and one per numeric key of the source), each with the source text
//! of that category (or the source's default variant). Unit ids are
//! NMTOKENs made from the Fluent path: `title`, `title.alt`, `votes:one`,
//! `intro:2:other` (the second select of a pattern with text around it).
//!
//! The same walk reads the translation beside the source, so a current
//! translation's units line up with the source's by id.

use std::collections::HashMap;

use fluent_syntax::ast::{self, Expression, InlineExpression, Pattern, PatternElement, VariantKey};

use super::inline::{self, CodeDef, Codes, Content, Inline};
use crate::l10n::{Catalog, intl};
use crate::review::status::{Row, Status, review};
use crate::review::translation_lock::TranslationLock;

/// Where a unit's translation stands, as exchange formats say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// No translation yet.
    Initial,
    /// A translation that needs a look: its source changed since (stale),
    /// or it was filled from the default variant.
    NeedsReview,
    /// Translated, identical to the source.
    Translated,
    /// Translated and current.
    Final,
}

/// One translation unit.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The unit's id (see the module comment).
    pub id: String,
    /// The key of its message or term (`-brand` for a term).
    pub entry: String,
    /// The select its variant belongs to (the group's id), if any.
    pub group: Option<String>,
    /// The source text.
    pub source: Content,
    /// The translation, if there is one; its codes use the source's ids.
    pub target: Option<Content>,
    /// Where the translation stands.
    pub state: State,
    /// The entry's Fluent comment.
    pub comment: Option<String>,
    /// For a stale translation: the source text it was made from.
    pub previous_source: Option<String>,
}

impl Unit {
    /// The codes a translation of this unit may use: the source's, and
    /// those its current translation has of its own (a term called with
    /// other arguments, say), which an import keeps.
    pub fn codes(&self) -> Codes {
        let mut codes = self.source.codes.clone();
        if let Some(target) = &self.target {
            for (id, def) in &target.codes.0 {
                if self.source.codes.get(id).is_none() {
                    codes.0.push((id.clone(), def.clone()));
                }
            }
        }
        codes
    }

    /// Whether the translation keeps its markup as text (see
    /// [`Content::raw_markup`]): the translation's own reading when there
    /// is one, else the source's.
    pub fn raw_markup(&self) -> bool {
        self.target
            .as_ref()
            .map_or(self.source.raw_markup, |t| t.raw_markup)
    }
}

/// The units of one `.ftl` file.
#[derive(Debug, Clone)]
pub struct ExchangeFile {
    /// The path under `locales/<lang>/`, with `/` separators.
    pub path: String,
    /// Its units, in file order.
    pub units: Vec<Unit>,
}

/// Every unit of one translation.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The source language tag.
    pub source_language: String,
    /// The translation's language tag.
    pub target_language: String,
    /// The files, in the source's load order.
    pub files: Vec<ExchangeFile>,
}

impl Exchange {
    /// The units of `target` against `source`, for the messages whose
    /// review status is in `statuses` (obsolete ones have no source and are
    /// never exported).
    pub fn build(
        source: &Catalog,
        target: &Catalog,
        lock: &TranslationLock,
        statuses: &[Status],
    ) -> Self {
        let rows: HashMap<String, Row> = review(source, target, lock)
            .into_iter()
            .map(|row| (row.id.clone(), row))
            .collect();
        let source_trees = entry_trees(source);
        let comments = comments(source);
        let target_trees = entry_trees(target);
        let walker = Walker::for_language(&target.language);
        let mut files: Vec<ExchangeFile> = (0..source.files.len())
            .map(|file| ExchangeFile {
                path: slash_path(&source.relative_path(file)),
                units: Vec::new(),
            })
            .collect();
        for (key, entry) in &source.entries {
            let (Some(row), Some(tree)) = (rows.get(key), source_trees.get(key)) else {
                continue;
            };
            if !statuses.contains(&row.status) {
                continue;
            }
            let template = Unit {
                id: String::new(),
                entry: key.clone(),
                group: None,
                source: Content::default(),
                target: None,
                state: state_of(row.status),
                comment: comments.get(key).cloned(),
                previous_source: row.previous_source.clone(),
            };
            let mut units = Vec::new();
            walker.entry(&template, tree, target_trees.get(key), &mut units);
            files[entry.file].units.extend(units);
        }
        files.retain(|f| !f.units.is_empty());
        Exchange {
            source_language: source.language.tag.clone(),
            target_language: target.language.tag.clone(),
            files,
        }
    }

    /// Every unit, file by file.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.files.iter().flat_map(|f| &f.units)
    }
}

/// A review status as a unit state.
fn state_of(status: Status) -> State {
    match status {
        Status::Missing | Status::Obsolete => State::Initial,
        Status::Stale => State::NeedsReview,
        Status::Unchanged => State::Translated,
        Status::Ok => State::Final,
    }
}

fn slash_path(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A message or term of a syntax tree.
#[derive(Clone, Copy)]
pub(crate) enum EntryTree<'t> {
    /// `id = …`
    Message(&'t ast::Message<&'t str>),
    /// `-id = …`
    Term(&'t ast::Term<&'t str>),
}

impl<'t> EntryTree<'t> {
    /// The value's pattern, if any.
    pub(crate) fn value(self) -> Option<&'t Pattern<&'t str>> {
        match self {
            EntryTree::Message(m) => m.value.as_ref(),
            EntryTree::Term(t) => Some(&t.value),
        }
    }

    pub(crate) fn attributes(self) -> &'t [ast::Attribute<&'t str>] {
        match self {
            EntryTree::Message(m) => &m.attributes,
            EntryTree::Term(t) => &t.attributes,
        }
    }
}

/// The comment of every entry that has one, by key. The catalog's trees
/// come from the runtime parser, which skips comments, so the files are
/// parsed again here with comments.
fn comments(catalog: &Catalog) -> HashMap<String, String> {
    let mut comments = HashMap::new();
    for file in 0..catalog.files.len() {
        let text = catalog.parsed_text(file);
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        for entry in resource.body {
            let (key, comment) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.comment),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), t.comment),
                _ => continue,
            };
            if let Some(comment) = comment {
                comments
                    .entry(key)
                    .or_insert_with(|| comment.content.join("\n"));
            }
        }
    }
    comments
}

/// Every message and term of a catalog's trees by key (the first
/// definition, as the catalog keeps).
pub(crate) fn entry_trees(catalog: &Catalog) -> HashMap<String, EntryTree<'_>> {
    let mut trees = HashMap::new();
    for file in 0..catalog.files.len() {
        let Some(tree) = catalog.tree(file) else {
            continue;
        };
        for entry in tree.entries() {
            let (key, tree) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), EntryTree::Message(m)),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), EntryTree::Term(t)),
                _ => continue,
            };
            trees.entry(key).or_insert(tree);
        }
    }
    trees
}

/// A select expression of a pattern, and the keys its units have.
pub(crate) struct SelectShape<'t> {
    pub variants: &'t [ast::Variant<&'t str>],
    /// The unit keys: the target's plural categories (and the source's
    /// numeric keys) for a plural select, else the source's keys.
    pub keys: Vec<String>,
    /// Whether it selects on a number's plural category.
    pub plural: bool,
}

impl SelectShape<'_> {
    /// The variant for `key`, or the default one.
    pub(crate) fn variant(&self, key: &str) -> Option<&ast::Variant<&str>> {
        variant(self.variants, key)
    }

    /// The key the rebuilt select marks as default.
    pub(crate) fn default_key(&self) -> String {
        if self.plural {
            return "other".to_owned();
        }
        self.variants
            .iter()
            .find(|v| v.default)
            .map_or_else(|| "other".to_owned(), |v| key_name(&v.key))
    }
}

/// The variant of `variants` for `key`, or the default one.
pub(crate) fn variant<'v>(
    variants: &'v [ast::Variant<&'v str>],
    key: &str,
) -> Option<&'v ast::Variant<&'v str>> {
    variants
        .iter()
        .find(|v| key_name(&v.key) == key)
        .or_else(|| variants.iter().find(|v| v.default))
}

/// A variant key as written (`one`, `0`).
pub(crate) fn key_name(key: &VariantKey<&str>) -> String {
    match key {
        VariantKey::Identifier { name } => (*name).to_owned(),
        VariantKey::NumberLiteral { value } => (*value).to_owned(),
    }
}

/// The select expressions at the top level of a pattern, in order.
pub(crate) fn selects<'t>(
    pattern: &'t Pattern<&'t str>,
) -> Vec<(&'t InlineExpression<&'t str>, &'t [ast::Variant<&'t str>])> {
    pattern
        .elements
        .iter()
        .filter_map(|e| match e {
            PatternElement::Placeable {
                expression: Expression::Select { selector, variants },
            } => Some((selector, variants.as_slice())),
            _ => None,
        })
        .collect()
}

/// The CLDR plural categories of the target language.
pub(crate) struct Walker {
    /// Cardinal categories.
    pub cardinal: Vec<&'static str>,
    /// Ordinal categories.
    pub ordinal: Vec<&'static str>,
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl Walker {
    /// The walker of a translation into `language` (its CLDR categories).
    pub(crate) fn for_language(language: &crate::project::Language) -> Self {
        Self {
            cardinal: intl::plural_categories(&language.id),
            ordinal: intl::ordinal_categories(&language.id),
        }
    }

    /// The units of one entry (`key`), its translation read beside it.
    pub(crate) fn units_of(
        &self,
        key: &str,
        source: &EntryTree<'_>,
        target: Option<&EntryTree<'_>>,
    ) -> Vec<Unit> {
        let template = Unit {
            id: String::new(),
            entry: key.to_owned(),
            group: None,
            source: Content::default(),
            target: None,
            state: State::Final,
            comment: None,
            previous_source: None,
        };
        let mut units = Vec::new();
        self.entry(&template, source, target, &mut units);
        units
    }

    fn entry(
        &self,
        template: &Unit,
        source: &EntryTree<'_>,
        target: Option<&EntryTree<'_>>,
        out: &mut Vec<Unit>,
    ) {
        if let Some(value) = source.value() {
            let target_value = target.and_then(|t| t.value());
            self.pattern(template, &template.entry, None, value, target_value, out);
        }
        for attribute in source.attributes() {
            let target_attribute = target
                .and_then(|t| {
                    t.attributes()
                        .iter()
                        .find(|a| a.id.name == attribute.id.name)
                })
                .map(|a| &a.value);
            let path = format!("{}.{}", template.entry, attribute.id.name);
            self.pattern(
                template,
                &path,
                None,
                &attribute.value,
                target_attribute,
                out,
            );
        }
    }

    /// How a select's units are keyed.
    pub(crate) fn shape<'t>(
        &self,
        selector: &'t InlineExpression<&'t str>,
        variants: &'t [ast::Variant<&'t str>],
    ) -> SelectShape<'t> {
        let numeric = |v: &&ast::Variant<&str>| matches!(v.key, VariantKey::NumberLiteral { .. });
        let plural = crate::l10n::intl::is_numeric_selector(selector)
            && variants.iter().all(|v| match &v.key {
                VariantKey::Identifier { name } => CATEGORIES.contains(name),
                VariantKey::NumberLiteral { .. } => true,
            });
        let keys = if plural {
            let categories = if crate::l10n::catalog::is_ordinal_selector(selector) {
                &self.ordinal
            } else {
                &self.cardinal
            };
            variants
                .iter()
                .filter(numeric)
                .map(|v| key_name(&v.key))
                .chain(categories.iter().map(|c| (*c).to_owned()))
                .collect()
        } else {
            variants.iter().map(|v| key_name(&v.key)).collect()
        };
        SelectShape {
            variants,
            keys,
            plural,
        }
    }

    /// The units of one pattern at `path`.
    fn pattern(
        &self,
        template: &Unit,
        path: &str,
        group: Option<&str>,
        source: &Pattern<&str>,
        target: Option<&Pattern<&str>>,
        out: &mut Vec<Unit>,
    ) {
        let source_selects = selects(source);
        let frame = inline::content(&source.elements, None);
        let target_selects = target.map(selects).unwrap_or_default();
        let aligned = target.map(|t| inline::content(&t.elements, Some(&frame.codes)));
        if source_selects.is_empty() || !frame_is_blank(&frame) {
            let mut unit = Unit {
                id: path.to_owned(),
                group: group.map(str::to_owned),
                source: frame.clone(),
                target: aligned.filter(|t| !inline::is_empty(&t.inline)),
                ..template.clone()
            };
            if unit.target.is_none() {
                unit.state = State::Initial;
            }
            out.push(unit);
        }
        let single = source_selects.len() == 1 && frame_is_blank(&frame);
        for (index, (selector, variants)) in source_selects.iter().enumerate() {
            let base = if single {
                path.to_owned()
            } else {
                format!("{path}:{}", index + 1)
            };
            let target_variants =
                (target_selects.len() == source_selects.len()).then(|| target_selects[index].1);
            let select = (self.shape(selector, variants), target_variants);
            self.variants(template, &base, &select, out);
        }
    }

    /// The units of a select's variants, one per key of its shape, each
    /// beside the translation's variant of that key (or its default).
    fn variants(
        &self,
        template: &Unit,
        base: &str,
        (shape, target): &(SelectShape<'_>, Option<&[ast::Variant<&str>]>),
        out: &mut Vec<Unit>,
    ) {
        for key in &shape.keys {
            let Some(source_variant) = shape.variant(key) else {
                continue;
            };
            let target_variant = target.and_then(|vs| {
                let own = vs.iter().any(|v| &key_name(&v.key) == key);
                variant(vs, key).map(|v| (v, own))
            });
            let before = out.len();
            self.pattern(
                template,
                &format!("{base}:{key}"),
                Some(base),
                &source_variant.value,
                target_variant.map(|(v, _)| &v.value),
                out,
            );
            // A category the translation lacks shows its default variant,
            // which a translator should look at.
            if target_variant.is_some_and(|(_, own)| !own) {
                for unit in &mut out[before..] {
                    if unit.state > State::NeedsReview {
                        unit.state = State::NeedsReview;
                    }
                }
            }
        }
    }
}

/// Whether a pattern's text around its selects is only blank.
pub(crate) fn frame_is_blank(frame: &Content) -> bool {
    frame.inline.iter().all(|piece| match piece {
        Inline::Text(text) => text.trim().is_empty(),
        Inline::Code(id) => matches!(frame.codes.get(id), Some(CodeDef::Select(..))),
        Inline::Pair { .. } => false,
    })
}
