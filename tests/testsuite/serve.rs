//! The preview server of `report watch --serve`: what it serves, to whom,
//! and that no client can exhaust it. Every request goes to 127.0.0.1, and
//! every loop and wait is bounded.
//!
//! Thread exhaustion is checked by counting the server's threads
//! (`/proc/PID/status`) rather than under `ulimit -u`: the tests may run as
//! root, for whom the kernel does not enforce that limit.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::Project;
use crate::watch::{Watch, exchange, get};

/// A request on a connection that closes after the response.
fn request(address: &str, method: &str, path: &str, host: &str) -> String {
    exchange(
        address,
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// The status line of a response.
fn status(response: &str) -> &str {
    response.lines().next().unwrap_or("")
}

/// A header's value, by case-insensitive name.
fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = response.split("\r\n\r\n").next()?;
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

/// A number from `/proc/PID/status` (`Threads`, `VmRSS` and `VmHWM` in kB).
fn proc_status(watch: &Watch, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", watch.child.id()))
        .expect("read /proc/PID/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in:\n{status}"))
}

/// The process runs and its server answers a plain request at once.
#[track_caller]
fn assert_alive(watch: &mut Watch, address: &str) {
    assert!(
        watch.child.try_wait().expect("try_wait").is_none(),
        "report watch exited"
    );
    let started = Instant::now();
    let response = get(address, "/__report/version");
    assert_eq!(status(&response), "HTTP/1.1 200 OK", "{response}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "answered only after {:?}",
        started.elapsed()
    );
}

#[test]
fn the_preview_serves_loopback_requests_for_files_inside_build_only() {
    let project = Project::fixture("minimal");
    let (mut watch, address) = Watch::serving(&project);
    project.write("secret.txt", "top secret");
    project.write("build/.report/x.json", "{\"internal\": true}");
    std::os::unix::fs::symlink(
        project.path("secret.txt"),
        project.path("build/es/leak.txt"),
    )
    .expect("symlink");

    let leak = get(&address, "/es/leak.txt");
    assert!(status(&leak).contains(" 404 "), "{leak}");
    assert!(!leak.contains("top secret"), "{leak}");
    let internal = get(&address, "/.report/x.json");
    assert!(status(&internal).contains(" 404 "), "{internal}");
    assert!(!internal.contains("internal"), "{internal}");

    let port = address.rsplit(':').next().expect("port");
    for host in ["evil.example", &format!("evil.example:{port}")] {
        let rebound = request(&address, "GET", "/es/index.html", host);
        assert!(status(&rebound).contains(" 403 "), "{host}: {rebound}");
    }
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        let local = request(&address, "GET", "/es/index.html", &host);
        assert_eq!(status(&local), "HTTP/1.1 200 OK", "{host}: {local}");
    }

    let bare = get(&address, "/es");
    assert!(
        status(&bare).contains(" 301 ") || status(&bare).contains(" 302 "),
        "{bare}"
    );
    assert_eq!(header(&bare, "location"), Some("/es/"), "{bare}");
    let index = get(&address, "/es/");
    assert!(index.contains("Hola, <strong>mundo</strong>."), "{index}");
    assert!(
        index.contains("/__report/version"),
        "reload script: {index}"
    );

    let full = get(&address, "/es/index.html");
    let head = request(&address, "HEAD", "/es/index.html", "127.0.0.1");
    assert_eq!(status(&head), "HTTP/1.1 200 OK", "{head}");
    assert_eq!(body(&head), "", "HEAD sends no body");
    assert_eq!(
        header(&head, "content-length"),
        Some(body(&full).len().to_string().as_str())
    );
    assert_eq!(header(&head, "content-type"), header(&full, "content-type"));

    let post = request(&address, "POST", "/es/index.html", "127.0.0.1");
    assert!(status(&post).contains(" 405 "), "{post}");
    assert_eq!(header(&post, "allow"), Some("GET, HEAD"), "{post}");

    let euro = exchange(
        &address,
        "GET /%€ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".as_bytes(),
    );
    assert!(status(&euro).contains(" 400 "), "{euro}");
    let euro = exchange(
        &address,
        "GET /es/%E2%82 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".as_bytes(),
    );
    assert!(status(&euro).contains(" 400 "), "{euro}");
    assert_alive(&mut watch, &address);
}

#[test]
fn idle_connections_take_no_thread_and_are_closed() {
    let project = Project::fixture("minimal");
    let (mut watch, address) = Watch::serving(&project);
    let mut idle: Vec<TcpStream> = (0..120)
        .map(|_| TcpStream::connect(&address).expect("connect"))
        .collect();
    // Let the server accept them all.
    std::thread::sleep(Duration::from_millis(500));
    let threads = proc_status(&watch, "Threads");
    assert!(
        threads < 40,
        "{threads} threads for 120 idle connections: one per connection?"
    );
    assert_alive(&mut watch, &address);

    // The server closes a connection that sends nothing, within seconds.
    let first = &mut idle[0];
    first
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("read timeout");
    let started = Instant::now();
    let mut buffer = [0; 512];
    let closed = match first.read(&mut buffer) {
        Ok(_) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    };
    assert!(
        closed && started.elapsed() < Duration::from_secs(15),
        "an idle connection stayed open {:?}",
        started.elapsed()
    );
    drop(idle);
    assert_alive(&mut watch, &address);
}

#[test]
fn an_oversized_request_line_is_refused_without_being_buffered() {
    const SIZE: usize = 16 * 1024 * 1024;
    let project = Project::fixture("minimal");
    let (mut watch, address) = Watch::serving(&project);
    let peak_before = proc_status(&watch, "VmHWM");
    let rss_before = proc_status(&watch, "VmRSS");

    let mut stream = TcpStream::connect(&address).expect("connect");
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .expect("write timeout");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = stream.write_all(b"GET /").map_or(0, |()| 5);
    // The server stops reading (and closes) long before the end.
    while sent < SIZE && stream.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    let _ = stream.write_all(b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(
        response.is_empty() || status(&response).contains(" 431 "),
        "{response}"
    );
    assert!(
        sent < SIZE,
        "the server read the whole {SIZE}-byte request line"
    );

    let peak_after = proc_status(&watch, "VmHWM");
    let rss_after = proc_status(&watch, "VmRSS");
    let limit = (SIZE / 1024 / 4) as u64;
    assert!(
        peak_after < peak_before + limit && rss_after < rss_before + limit,
        "memory grew: peak {peak_before} → {peak_after} kB, resident {rss_before} → {rss_after} kB"
    );
    assert_alive(&mut watch, &address);
}

/// `count` connections that send `head` (nothing, or the start of a
/// request) and then nothing more.
fn stalled(address: &str, count: usize, head: &[u8]) -> Vec<TcpStream> {
    (0..count)
        .map(|_| {
            let mut stream = TcpStream::connect(address).expect("connect");
            stream.write_all(head).expect("head");
            stream
        })
        .collect()
}

/// A request on a new connection, answered (read timeout 3 s, so a server
/// that makes it wait fails instead of hanging): how long it took.
#[track_caller]
fn answered(address: &str, what: &str) -> Duration {
    let started = Instant::now();
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .expect("read timeout");
    stream
        .write_all(
            format!(
                "GET /__report/version HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .expect("request");
    let mut response = Vec::new();
    let read = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(
        read.is_ok() && status(&response) == "HTTP/1.1 200 OK",
        "with {what}: no answer within 3 s ({read:?}, {:?}): {response:?}",
        started.elapsed()
    );
    started.elapsed()
}

#[test]
fn idle_and_stalled_connections_never_keep_a_request_waiting() {
    let project = Project::fixture("minimal");
    let (mut watch, address) = Watch::serving(&project);
    // 100, and more than the server holds at once (256): idle ones are
    // closed, oldest first, to make room.
    for count in [100, 300] {
        for (kind, head) in [
            ("idle", &b""[..]),
            ("stalled", b"GET /es/ HTTP/1.1\r\nHost: 127.0"),
        ] {
            let held = stalled(&address, count, head);
            let took = answered(&address, &format!("{count} {kind} connections"));
            eprintln!("{count} {kind} connections: answered in {took:?}");
            drop(held);
        }
    }
    assert!(proc_status(&watch, "Threads") < 40, "threads stay bounded");
    assert_alive(&mut watch, &address);
}

#[test]
fn idle_connections_never_keep_a_request_waiting_when_file_descriptors_run_out() {
    // Fewer descriptors than idle connections: the server cannot accept the
    // request's connection until it closes an idle one.
    let project = Project::fixture("minimal");
    let (mut watch, address) = Watch::serving_with(&project, Some(96));
    let held = stalled(&address, 100, b"");
    let took = answered(&address, "100 idle connections and 96 descriptors");
    eprintln!("100 idle connections, 96 descriptors: answered in {took:?}");
    drop(held);
    assert_alive(&mut watch, &address);
}
