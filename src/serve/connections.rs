//! The connections the preview server holds, oldest first, and which of
//! them are idle (waiting for a request head, complete or not, rather than
//! in the middle of a request), so that idle ones never keep a new
//! connection waiting: when every place is taken, or the process is out of
//! file descriptors, the oldest idle connection is closed to make room.
//!
//! Without this, idle connections held their places until their
//! [`super::IDLE_TIMEOUT`] ran out: a page (or anything local) that opened
//! more of them than there are places, or than the process has file
//! descriptors for, kept every real request waiting up to 5 seconds, and
//! for ever if it kept reopening them.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use hyper::body::{Body, Frame};
use tokio::sync::Notify;

/// Every open connection, by age.
#[derive(Debug, Default)]
pub(super) struct Connections {
    open: Mutex<Open>,
}

#[derive(Debug, Default)]
struct Open {
    next: u64,
    by_age: BTreeMap<u64, Entry>,
}

/// One connection's state, shared with its task.
#[derive(Debug, Clone, Default)]
struct Entry {
    /// Requests whose response is not yet written.
    requests: Arc<AtomicUsize>,
    /// Told when the connection is to close.
    close: Arc<Notify>,
}

impl Connections {
    /// Registers a new connection (the newest).
    pub(super) fn register(self: &Arc<Self>) -> Ticket {
        let entry = Entry::default();
        let mut open = self.lock();
        let id = open.next;
        open.next += 1;
        open.by_age.insert(id, entry.clone());
        Ticket {
            id,
            entry,
            connections: Arc::clone(self),
        }
    }

    /// Tells the oldest idle connection to close; whether there was one.
    pub(super) fn close_oldest_idle(&self) -> bool {
        let mut open = self.lock();
        let oldest = open
            .by_age
            .iter()
            .find(|(_, e)| e.requests.load(Ordering::SeqCst) == 0)
            .map(|(&id, _)| id);
        let Some(entry) = oldest.and_then(|id| open.by_age.remove(&id)) else {
            return false;
        };
        entry.close.notify_one();
        true
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A connection's place in [`Connections`], given up when dropped.
#[derive(Debug)]
pub(super) struct Ticket {
    id: u64,
    entry: Entry,
    connections: Arc<Connections>,
}

impl Ticket {
    /// Marks a request as begun until the returned guard (kept in its
    /// response's body) is dropped: when hyper has taken the whole body
    /// (the end of it may still wait in the connection's send buffer), or
    /// with the connection.
    pub(super) fn request(&self) -> Busy {
        self.entry.requests.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(&self.entry.requests))
    }

    /// Resolves when the connection is told to close.
    pub(super) async fn closed(&self) {
        self.entry.close.notified().await;
    }

    /// Whether the connection is between requests.
    #[cfg(test)]
    fn idle(&self) -> bool {
        self.entry.requests.load(Ordering::SeqCst) == 0
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.connections.lock().by_age.remove(&self.id);
    }
}

/// A request in progress (see [`Ticket::request`]).
#[derive(Debug)]
pub(super) struct Busy(Arc<AtomicUsize>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request marked as in progress.
#[derive(Debug)]
pub(super) struct Tracked<B> {
    pub(super) body: B,
    pub(super) _busy: Busy,
}

impl<B: Body + Unpin> Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_idle_connection_is_closed_first_and_busy_ones_never() {
        let connections = Arc::new(Connections::default());
        let first = connections.register();
        let second = connections.register();
        let third = connections.register();
        let busy = first.request();
        assert!(!first.idle() && second.idle());
        assert!(connections.close_oldest_idle(), "the second is idle");
        // Its task is told (the permit waits for it), and it is out of the
        // running; the third goes next, then none.
        let told = Arc::clone(&second.entry.close);
        assert!(connections.close_oldest_idle());
        assert!(!connections.close_oldest_idle(), "the first is busy");
        drop(busy);
        assert!(connections.close_oldest_idle(), "the first is idle now");
        drop((first, second, third));
        assert!(connections.lock().by_age.is_empty());
        drop(told);
    }
}
