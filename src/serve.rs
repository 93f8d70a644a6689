//! A small local web server for previewing HTML editions while watching.
//!
//! It serves files under `build/` on 127.0.0.1 only, and adds to every HTML
//! page a script that polls `/__report/version` and reloads the page when a
//! render finished. Only for previews: one thread per connection, GET only,
//! no paths outside `build/`.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::{Code, Problem, Result};

/// A running preview server.
#[derive(Debug)]
pub struct Server {
    /// The address it listens on.
    pub address: std::net::SocketAddr,
    version: Arc<AtomicU64>,
}

const RELOAD_SCRIPT: &str = "<script>(()=>{let v=null;setInterval(async()=>{try{const r=await fetch('/__report/version',{cache:'no-store'});const t=await r.text();if(v!==null&&t!==v)location.reload();v=t}catch(e){}},700)})()</script>";

impl Server {
    /// Starts serving `build_dir` on 127.0.0.1:`port` (0 for any free port);
    /// `/` leads to `index`.
    pub fn start(build_dir: PathBuf, port: u16, index: String) -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            Problem::error(
                Code::Serve,
                format!("failed to listen on 127.0.0.1:{port} ({e})"),
            )
            .with_hint("choose another port with --serve PORT, or 0 for any free port")
        })?;
        let address = listener
            .local_addr()
            .map_err(|e| Problem::error(Code::Serve, e.to_string()))?;
        let version = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&version);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (dir, version, index) = (build_dir.clone(), Arc::clone(&shared), index.clone());
                std::thread::spawn(move || {
                    let _ = respond(stream, &dir, &version, &index);
                });
            }
        });
        Ok(Self { address, version })
    }

    /// Tells open pages to reload.
    pub fn bump(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

fn respond(stream: TcpStream, dir: &Path, version: &AtomicU64, index: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut stream = stream;
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if method != "GET" {
        return reply(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
        );
    }
    if path == "/__report/version" {
        let body = version.load(Ordering::SeqCst).to_string();
        return reply(&mut stream, "200 OK", "text/plain", body.as_bytes());
    }
    if path == "/" {
        let header = format!(
            "HTTP/1.1 302 Found\r\nLocation: /{index}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return stream.write_all(header.as_bytes());
    }
    let relative = PathBuf::from(percent_decode(path.trim_start_matches('/')));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return reply(&mut stream, "404 Not Found", "text/plain", b"not found");
    }
    let mut file = dir.join(&relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let Ok(mut body) = fs::read(&file) else {
        return reply(&mut stream, "404 Not Found", "text/plain", b"not found");
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    if kind.starts_with("text/html") {
        let text = String::from_utf8_lossy(&body);
        body = match text.rfind("</body>") {
            Some(at) => format!("{}{RELOAD_SCRIPT}{}", &text[..at], &text[at..]).into_bytes(),
            None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
        };
    }
    reply(&mut stream, "200 OK", kind, &body)
}

fn reply(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    stream.write_all(body)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
