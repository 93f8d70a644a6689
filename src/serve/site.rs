//! What the preview server answers, decided without any networking: a
//! request's method, `Host` and path become a [`Reply`], so that every rule
//! is tested on its own.
//!
//! The rules, in order:
//! 1. `Host` must name this machine's loopback (`127.0.0.1`, `localhost`,
//!    `[::1]`, with any port), else 403: a web page whose host name an
//!    attacker re-points at 127.0.0.1 (DNS rebinding) cannot read previews.
//! 2. Only `GET` and `HEAD`; anything else is 405 with `Allow`.
//! 3. `/__report/version` is the render counter the reload script polls;
//!    `/` redirects to the source language's HTML edition.
//! 4. Any other path is percent-decoded (malformed escapes or invalid UTF-8
//!    are 400) and must name, after every symlink is resolved, a file under
//!    `build/` whose path has no hidden component: `build/.report/` (the
//!    incremental cache), temporary outputs and links that leave `build/`
//!    are all 404. A directory without a trailing slash redirects to the
//!    slash form, so that a page's relative links resolve; with the slash
//!    it serves its `index.html`.
//! 5. HTML pages get the reload script before `</body>`.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use hyper::{Method, StatusCode, Uri};

use crate::platform::files::read_output;

/// Polls `/__report/version` and reloads the page when a render finished.
pub(super) const RELOAD_SCRIPT: &str = "<script>(()=>{let v=null;setInterval(async()=>{try{const r=await fetch('/__report/version',{cache:'no-store'});const t=await r.text();if(v!==null&&t!==v)location.reload();v=t}catch(e){}},700)})()</script>";

/// The served build directory and what `/` leads to.
#[derive(Debug)]
pub(super) struct Site {
    build: PathBuf,
    index: String,
    version: Arc<AtomicU64>,
}

/// A response, before it is put on the wire.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Reply {
    pub status: StatusCode,
    /// Headers besides `Content-Length`.
    pub headers: Vec<(&'static str, String)>,
    /// The body; for `HEAD`, what `GET` would have sent.
    pub body: Vec<u8>,
    /// `false` for `HEAD`: send the headers (with the length) only.
    pub send_body: bool,
}

impl Reply {
    fn new(status: StatusCode, content_type: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![
                ("content-type", content_type.to_owned()),
                ("cache-control", "no-store".to_owned()),
                ("x-content-type-options", "nosniff".to_owned()),
            ],
            body,
            send_body: true,
        }
    }

    /// A short plain-text answer.
    pub(super) fn text(status: StatusCode, text: &str) -> Self {
        Self::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    fn redirect(status: StatusCode, location: String) -> Self {
        let mut reply = Self::text(status, "");
        reply.headers.push(("location", location));
        reply
    }

    fn not_found() -> Self {
        Self::text(StatusCode::NOT_FOUND, "not found")
    }

    fn bad_request() -> Self {
        Self::text(StatusCode::BAD_REQUEST, "bad request")
    }

    #[cfg(test)]
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Site {
    /// Serves `build`; `/` leads to `index` (relative to `build`).
    pub(super) fn new(build: PathBuf, index: String, version: Arc<AtomicU64>) -> Self {
        Self {
            build,
            index,
            version,
        }
    }

    /// The answer to one request.
    pub(super) fn respond(&self, method: &Method, host: Option<&str>, uri: &Uri) -> Reply {
        if !host.is_some_and(is_loopback_host) {
            return Reply::text(
                StatusCode::FORBIDDEN,
                "the preview answers only to 127.0.0.1, localhost or [::1]",
            );
        }
        let send_body = match *method {
            Method::GET => true,
            Method::HEAD => false,
            _ => {
                let mut reply = Reply::text(StatusCode::METHOD_NOT_ALLOWED, "GET or HEAD only");
                reply.headers.push(("allow", "GET, HEAD".to_owned()));
                return reply;
            }
        };
        Reply {
            send_body,
            ..self.route(uri)
        }
    }

    fn route(&self, uri: &Uri) -> Reply {
        match uri.path() {
            "/__report/version" => Reply::text(
                StatusCode::OK,
                &self.version.load(Ordering::SeqCst).to_string(),
            ),
            "/" => Reply::redirect(StatusCode::FOUND, format!("/{}", self.index)),
            path => self.file(path, uri.query()),
        }
    }

    /// A file or directory under `build/`, by its (percent-encoded) path.
    fn file(&self, path: &str, query: Option<&str>) -> Reply {
        let Some(decoded) = percent_decode(path) else {
            return Reply::bad_request();
        };
        let Some(segments) = segments(&decoded) else {
            return Reply::not_found();
        };
        let Ok(build) = fs::canonicalize(&self.build) else {
            return Reply::not_found();
        };
        let Some(found) = inside(&build, &build.join(segments.iter().collect::<PathBuf>())) else {
            return Reply::not_found();
        };
        if !found.is_dir() {
            return serve(&found);
        }
        if !path.ends_with('/') {
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            return Reply::redirect(StatusCode::MOVED_PERMANENTLY, format!("{path}/{query}"));
        }
        match inside(&build, &found.join("index.html")) {
            Some(index) if index.is_file() => serve(&index),
            _ => Reply::not_found(),
        }
    }
}

/// Whether a `Host` header names the loopback interface: `127.0.0.1`,
/// `localhost` or `[::1]`, each with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port))
            if !name.is_empty()
                && !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && (name.starts_with('[') == name.ends_with(']')) =>
        {
            name
        }
        _ => host,
    };
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]"
}

/// Decodes `%XX` escapes; `None` for a malformed escape, a decoded NUL or
/// bytes that are not UTF-8. Works on bytes, so it never splits a character.
pub(super) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16))?;
            let low = bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16))?;
            out.push(u8::try_from(high * 16 + low).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    if out.contains(&0) {
        return None;
    }
    String::from_utf8(out).ok()
}

/// The path's segments, or `None` if any is `.`, `..` or hidden (starts
/// with a dot). Empty segments (`a//b`, the trailing slash) are skipped.
fn segments(path: &str) -> Option<Vec<&str>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| (!s.starts_with('.')).then_some(s))
        .collect()
}

/// `candidate` with every symlink resolved, if that is still inside `build`
/// (itself canonical) and not hidden there.
fn inside(build: &Path, candidate: &Path) -> Option<PathBuf> {
    let resolved = fs::canonicalize(candidate).ok()?;
    let relative = resolved.strip_prefix(build).ok()?;
    let hidden = relative.components().any(|c| match c {
        Component::Normal(name) => name.as_encoded_bytes().starts_with(b"."),
        _ => true,
    });
    (!hidden).then_some(resolved)
}

/// A file's contents with its type; HTML pages get the reload script.
fn serve(file: &Path) -> Reply {
    let Ok(body) = read_output(file) else {
        return Reply::not_found();
    };
    let kind = content_type(file);
    if !kind.starts_with("text/html") {
        return Reply::new(StatusCode::OK, kind, body);
    }
    let text = String::from_utf8_lossy(&body);
    let page = match text.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &text[..at], &text[at..]),
        None => format!("{text}{RELOAD_SCRIPT}"),
    };
    Reply::new(StatusCode::OK, kind, page.into_bytes())
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("woff2") => "font/woff2",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        _dir: tempfile::TempDir,
        site: Site,
        outside: PathBuf,
    }

    fn fixture() -> std::io::Result<Fixture> {
        let dir = tempfile::tempdir()?;
        let build = dir.path().join("build");
        fs::create_dir_all(build.join("es/img"))?;
        fs::create_dir_all(build.join(".report"))?;
        fs::write(
            build.join("es/index.html"),
            "<html><body>Hola</body></html>",
        )?;
        fs::write(build.join("es/report.pdf"), b"%PDF-1.7")?;
        fs::write(build.join("es/.report.pdf.tmp"), b"half")?;
        fs::write(build.join(".report/x.json"), "{}")?;
        let outside = dir.path().join("secret.txt");
        fs::write(&outside, "secret")?;
        let site = Site::new(build, "es/index.html".into(), Arc::new(AtomicU64::new(7)));
        Ok(Fixture {
            _dir: dir,
            site,
            outside,
        })
    }

    fn get(site: &Site, target: &str) -> Reply {
        let uri: Uri = target.parse().expect("a valid request target");
        site.respond(&Method::GET, Some("127.0.0.1:8000"), &uri)
    }

    #[test]
    fn pages_get_the_reload_script_and_files_their_type() -> std::io::Result<()> {
        let f = fixture()?;
        let page = get(&f.site, "/es/index.html");
        assert_eq!(page.status, StatusCode::OK);
        let text = String::from_utf8_lossy(&page.body);
        assert!(
            text.contains(&format!("Hola{RELOAD_SCRIPT}</body>")),
            "{text}"
        );
        let pdf = get(&f.site, "/es/report.pdf?x=1");
        assert_eq!(pdf.header("content-type"), Some("application/pdf"));
        assert_eq!(pdf.body, b"%PDF-1.7");
        assert_eq!(get(&f.site, "/__report/version").body, b"7");
        Ok(())
    }

    #[test]
    fn directories_redirect_to_their_slash_form_and_serve_their_index() -> std::io::Result<()> {
        let f = fixture()?;
        let bare = get(&f.site, "/es?lang=1");
        assert_eq!(bare.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(bare.header("location"), Some("/es/?lang=1"));
        let slash = get(&f.site, "/es/");
        assert_eq!(slash.status, StatusCode::OK);
        assert!(String::from_utf8_lossy(&slash.body).contains("Hola"));
        assert_eq!(get(&f.site, "/es/img/").status, StatusCode::NOT_FOUND);
        let root = get(&f.site, "/");
        assert_eq!(root.status, StatusCode::FOUND);
        assert_eq!(root.header("location"), Some("/es/index.html"));
        Ok(())
    }

    #[test]
    fn nothing_hidden_or_outside_build_is_served() -> std::io::Result<()> {
        let f = fixture()?;
        let build = f.site.build.clone();
        std::os::unix::fs::symlink(&f.outside, build.join("es/leak.txt"))?;
        std::os::unix::fs::symlink(build.join(".report/x.json"), build.join("es/cache.json"))?;
        std::os::unix::fs::symlink(build.join("es/report.pdf"), build.join("es/same.pdf"))?;
        for target in [
            "/.report/x.json",
            "/%2Ereport/x.json",
            "/es/.report.pdf.tmp",
            "/es/leak.txt",
            "/es/cache.json",
            "/../secret.txt",
            "/es/%2E%2E/%2E%2E/secret.txt",
            "/es/..%2F..%2Fsecret.txt",
            "/nowhere.html",
        ] {
            assert_eq!(
                get(&f.site, target).status,
                StatusCode::NOT_FOUND,
                "{target}"
            );
        }
        assert_eq!(get(&f.site, "/es/same.pdf").status, StatusCode::OK);
        Ok(())
    }

    #[test]
    fn only_loopback_hosts_get_an_answer() -> std::io::Result<()> {
        let f = fixture()?;
        let uri: Uri = "/es/index.html".parse().expect("uri");
        for host in [
            "127.0.0.1",
            "127.0.0.1:8000",
            "localhost",
            "LocalHost:1",
            "[::1]:80",
        ] {
            let reply = f.site.respond(&Method::GET, Some(host), &uri);
            assert_eq!(reply.status, StatusCode::OK, "{host}");
        }
        for host in [
            None,
            Some("evil.example"),
            Some("evil.example:8000"),
            Some("localhost.evil.example"),
            Some("127.0.0.1.evil.example"),
            Some("127.0.0.1:x"),
            Some("[::1"),
            Some(""),
        ] {
            let reply = f.site.respond(&Method::GET, host, &uri);
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{host:?}");
        }
        Ok(())
    }

    #[test]
    fn head_sends_no_body_and_other_methods_are_refused() -> std::io::Result<()> {
        let f = fixture()?;
        let uri: Uri = "/es/report.pdf".parse().expect("uri");
        let head = f.site.respond(&Method::HEAD, Some("localhost"), &uri);
        assert_eq!(head.status, StatusCode::OK);
        assert!(!head.send_body);
        assert_eq!(head.body.len(), 8, "the length GET would send");
        let post = f.site.respond(&Method::POST, Some("localhost"), &uri);
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(post.header("allow"), Some("GET, HEAD"));
        Ok(())
    }

    #[test]
    fn percent_decoding_never_panics() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%C3%A9").as_deref(), Some("/é"));
        assert_eq!(percent_decode("/€").as_deref(), Some("/€"));
        for bad in [
            "/%", "/%2", "/%zz", "/%€", "/%e2%82", "/%ff", "/%00", "/%C3",
        ] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
        // Every short mix of escapes and multibyte characters, without a panic.
        let pieces = ["%", "2", "e", "€", "é", "/", "F", "%C3"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let _ = percent_decode(&format!("{a}{b}{c}"));
                }
            }
        }
    }

    #[test]
    fn malformed_escapes_are_bad_requests() -> std::io::Result<()> {
        let f = fixture()?;
        assert_eq!(get(&f.site, "/es/%ff.html").status, StatusCode::BAD_REQUEST);
        assert_eq!(get(&f.site, "/es/%zz").status, StatusCode::BAD_REQUEST);
        Ok(())
    }
}
