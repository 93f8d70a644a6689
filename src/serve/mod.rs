//! A small local web server for previewing HTML editions while watching
//! (`report watch --serve`).
//!
//! It serves the files under `build/` on 127.0.0.1 only, and adds to every
//! HTML page a script that polls `/__report/version` and reloads the page
//! when a render finished. What it answers to which request is decided in
//! [`site`]; this module puts that on the wire.
//!
//! # Built on hyper, with a fixed thread budget
//!
//! The HTTP/1.1 protocol is [hyper]'s (the implementation under axum and
//! reqwest), on a [tokio] runtime of [`WORKER_THREADS`] threads; each
//! request's file work runs on at most [`FILE_THREADS`] more. A connection
//! is a task, not a thread, so idle connections cost a little memory and no
//! thread, and at most [`MAX_CONNECTIONS`] are open at once. Idle ones
//! (waiting for a request head, whole or begun) never keep a request
//! waiting: when every place is taken, or the process has no file
//! descriptor left to accept with, the oldest idle connection is closed to
//! make room (`connections.rs`); only connections in the middle of a request
//! (until its response is written) keep their place. Before, a new
//! connection waited for an idle one's timeout: up to 5 seconds behind 300
//! idle connections, or behind 100 when the process had fewer descriptors
//! than that. hyper reads at most [`MAX_HEAD_BYTES`] of a request line and
//! headers (more is answered 431 and the connection closed), closes a
//! connection that has not sent a complete request head within
//! [`IDLE_TIMEOUT`] (an idle keep-alive connection included), and answers a
//! malformed request 400.
//!
//! `tiny_http` (0.12, the small synchronous choice) was read and rejected:
//! its accept thread hands every connection to a pool that spawns a new
//! thread whenever all are busy (and panics when it cannot), it sets no read
//! timeout and offers no hook to set one, it buffers a request line or
//! header of any length, and closes a non-ASCII request line without an
//! answer. axum and tower-http's `ServeDir` would add routing and a file
//! service that this server cannot use as they are (files are checked after
//! resolving symlinks and HTML is rewritten), so hyper is used directly.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::diagnostic::{Code, Problem, Result};

mod connections;
mod site;

use connections::{Connections, Ticket, Tracked};

use site::{Reply, Site};

/// Threads that run the connections (the protocol, not the files).
pub(crate) const WORKER_THREADS: usize = 2;
/// Threads that read files and build answers; requests beyond them wait.
pub(crate) const FILE_THREADS: usize = 2;
/// Connections served at once; more wait until one closes.
pub(crate) const MAX_CONNECTIONS: usize = 256;
/// The most a request line and its headers may take.
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;
/// How long a connection may take to send a request head, or stay idle
/// between requests.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one connection may last before it is asked to close (after the
/// response in flight) and, [`IDLE_TIMEOUT`] later, closed: a client that
/// never reads its answer cannot hold a connection for ever.
pub(crate) const MAX_CONNECTION_TIME: Duration = Duration::from_secs(120);

/// A running preview server; dropping it stops it.
#[derive(Debug)]
pub(crate) struct Server {
    /// The address it listens on.
    pub address: SocketAddr,
    version: Arc<AtomicU64>,
    runtime: Option<Runtime>,
}

impl Server {
    /// Starts serving `build_dir` on 127.0.0.1:`port` (0 for any free port);
    /// `/` leads to `index` (a path relative to `build_dir`).
    pub(crate) fn start(build_dir: PathBuf, port: u16, index: String) -> Result<Self> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            Problem::error(
                Code::Serve,
                format!("failed to listen on 127.0.0.1:{port} ({e})"),
            )
            .with_hint("choose another port with --serve PORT, or 0 for any free port")
        })?;
        let failed = |e: std::io::Error| {
            Problem::error(
                Code::Serve,
                format!("failed to start the preview server ({e})"),
            )
        };
        let address = listener.local_addr().map_err(failed)?;
        listener.set_nonblocking(true).map_err(failed)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(WORKER_THREADS)
            .max_blocking_threads(FILE_THREADS)
            .thread_name("report-serve")
            .enable_io()
            .enable_time()
            .build()
            .map_err(failed)?;
        let listener = {
            let _entered = runtime.enter();
            TcpListener::from_std(listener).map_err(failed)?
        };
        let version = Arc::new(AtomicU64::new(0));
        let site = Arc::new(Site::new(build_dir, index, Arc::clone(&version)));
        runtime.spawn(accept(listener, site));
        Ok(Self {
            address,
            version,
            runtime: Some(runtime),
        })
    }

    /// Tells open pages to reload.
    pub(crate) fn bump(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Accepts connections for ever, each served by a task, at most
/// [`MAX_CONNECTIONS`] at once: with every place taken, or no file
/// descriptor left, the oldest idle connection is closed to make room.
async fn accept(listener: TcpListener, site: Arc<Site>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let connections = Arc::new(Connections::default());
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors (or a connection reset before it
                // was accepted): make room if an idle connection holds one,
                // and try again in a moment rather than spin.
                let out_of_files = matches!(e.raw_os_error(), Some(EMFILE | ENFILE));
                let pause = if out_of_files && connections.close_oldest_idle() {
                    1
                } else {
                    50
                };
                tokio::time::sleep(Duration::from_millis(pause)).await;
                continue;
            }
        };
        let slot = match Arc::clone(&slots).try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                // Every place is taken: an idle connection gives up its own
                // (its task ends at once); with none idle, wait for one.
                connections.close_oldest_idle();
                let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                    return;
                };
                slot
            }
        };
        let ticket = connections.register();
        tokio::spawn(connection(stream, Arc::clone(&site), slot, ticket));
    }
}

/// `EMFILE` and `ENFILE` (Linux, macOS and the BSDs agree on both): the
/// process or the system has no file descriptor left.
const EMFILE: i32 = 24;
const ENFILE: i32 = 23;

/// Serves one connection's requests, within the limits above, until it
/// ends or is told to close while idle.
async fn connection(
    stream: TcpStream,
    site: Arc<Site>,
    _slot: OwnedSemaphorePermit,
    ticket: Ticket,
) {
    let _ = stream.set_nodelay(true);
    let ticket = Arc::new(ticket);
    let requests = Arc::clone(&ticket);
    let service = service_fn(move |request| {
        let busy = requests.request();
        let site = Arc::clone(&site);
        async move {
            let response = answer(site, request).await?;
            Ok::<_, Infallible>(response.map(|body| Tracked { body, _busy: busy }))
        }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(IDLE_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_header_size(MAX_HEAD_BYTES);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    let closed = ticket.closed();
    let mut closed = std::pin::pin!(closed);
    // Served to its end, told to close (dropping it closes the socket), or
    // past its time.
    let served = tokio::time::timeout(
        MAX_CONNECTION_TIME,
        std::future::poll_fn(|cx| {
            if connection.as_mut().poll(cx).is_ready() || closed.as_mut().poll(cx).is_ready() {
                return std::task::Poll::Ready(());
            }
            std::task::Poll::Pending
        }),
    )
    .await;
    if served.is_err() {
        connection.as_mut().graceful_shutdown();
        let _ = tokio::time::timeout(IDLE_TIMEOUT, connection).await;
    }
}

/// One request's answer, worked out on a file thread.
async fn answer(
    site: Arc<Site>,
    request: Request<Incoming>,
) -> std::result::Result<Response<Full<Bytes>>, Infallible> {
    // The body is never read: GET and HEAD have none worth reading.
    let (parts, _body) = request.into_parts();
    let reply = tokio::task::spawn_blocking(move || {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        site.respond(&parts.method, host, &parts.uri)
    })
    .await
    .unwrap_or_else(|_| Reply::text(StatusCode::INTERNAL_SERVER_ERROR, "internal error"));
    Ok(response(reply))
}

/// A reply as hyper sends it, with its length (also for `HEAD`).
fn response(reply: Reply) -> Response<Full<Bytes>> {
    let length = reply.body.len();
    let body = if reply.send_body {
        Bytes::from(reply.body)
    } else {
        Bytes::new()
    };
    let mut builder = Response::builder()
        .status(reply.status)
        .header(header::CONTENT_LENGTH, length);
    for (name, value) in reply.headers {
        builder = builder.header(name, value);
    }
    builder.body(Full::new(body)).unwrap_or_else(|_| {
        let mut fallback = Response::new(Full::new(Bytes::from_static(b"internal error")));
        *fallback.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}
