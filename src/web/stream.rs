//! A blocking writer's bytes as a response body: a bounded channel while the client keeps
//! up, a temporary file once it falls behind, so a slow client holds neither the database
//! nor a blocking thread. Exports write through it.

use std::io::{self, Seek, SeekFrom, Write};

use anyhow::Context;
use axum::body::{Body, Bytes};
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, oneshot};

/// A response body fed by `write`, which runs on the blocking pool and pushes its bytes into
/// the [`Outlet`] it is given. An error cuts the body short (the client sees a broken
/// download, never a quiet end).
pub fn from_blocking(
    write: impl FnOnce(&mut Outlet) -> anyhow::Result<()> + Send + 'static,
) -> Body {
    let (tx, rx) = mpsc::channel::<Bytes>(CHANNEL_CHUNKS);
    let (end_tx, end_rx) = oneshot::channel::<End>();
    tokio::task::spawn_blocking(move || {
        let mut outlet = Outlet::new(tx, end_tx);
        match write(&mut outlet) {
            Ok(()) => outlet.finish(),
            Err(err) => outlet.fail(err),
        }
    });
    Body::from_stream(body_stream(rx, end_rx))
}

/// Chunks queued for the client in memory, per export.
const CHANNEL_CHUNKS: usize = 4;
/// Bytes per chunk read back from a spilled export.
const SPILL_READ: usize = 64 * 1024;

/// The client stopped reading (closed the connection): the export stops.
#[derive(Debug, thiserror::Error)]
#[error("the client went away")]
struct ClientGone;

/// How the writing of an export ended, sent once its chunks are all queued.
enum End {
    Done,
    /// The rest of the export, in a temporary file positioned at its start.
    Spilled(std::fs::File),
    Failed(io::Error),
}

/// Where an export's bytes go: straight to the client while it keeps up; once it falls
/// behind, into an anonymous temporary file that the response body reads after the
/// database snapshot is closed. So a slow client never holds the database (an import's
/// commit waits only for the reading, not for the download) nor a blocking thread, and
/// memory stays a few chunks per export however large the export or slow the client.
pub struct Outlet {
    tx: mpsc::Sender<Bytes>,
    end: oneshot::Sender<End>,
    spill: Option<std::fs::File>,
    /// Set when no temporary file could be made: the rows then wait for the client.
    no_spill: bool,
}

impl Outlet {
    fn new(tx: mpsc::Sender<Bytes>, end: oneshot::Sender<End>) -> Outlet {
        Outlet {
            tx,
            end,
            spill: None,
            no_spill: false,
        }
    }

    pub fn push(&mut self, chunk: Vec<u8>) -> anyhow::Result<()> {
        if self.tx.is_closed() {
            return Err(ClientGone.into());
        }
        if let Some(file) = &mut self.spill {
            file.write_all(&chunk)
                .context("cannot write the export's temporary file")?;
            return Ok(());
        }
        let chunk = Bytes::from(chunk);
        match self.tx.try_send(chunk.clone()) {
            Ok(()) => return Ok(()),
            Err(TrySendError::Closed(_)) => return Err(ClientGone.into()),
            Err(TrySendError::Full(_)) => {}
        }
        if !self.no_spill {
            match tempfile::tempfile() {
                Ok(mut file) => {
                    file.write_all(&chunk)
                        .context("cannot write the export's temporary file")?;
                    self.spill = Some(file);
                    return Ok(());
                }
                Err(err) => {
                    tracing::warn!(
                        "no temporary file for a slow export; it holds the database while the client reads: {err}"
                    );
                    self.no_spill = true;
                }
            }
        }
        self.tx.blocking_send(chunk).map_err(|_| ClientGone.into())
    }

    /// Hands over the spilled rest, if any (the snapshot is closed by now).
    fn finish(self) {
        let end = match self.spill {
            None => End::Done,
            Some(mut file) => match file.seek(SeekFrom::Start(0)) {
                Ok(_) => End::Spilled(file),
                Err(err) => End::Failed(err),
            },
        };
        let _ = self.end.send(end);
    }

    /// Ends the download with an error (the client sees it cut short, never a quiet end).
    fn fail(self, err: anyhow::Error) {
        if err.downcast_ref::<ClientGone>().is_some() {
            return;
        }
        tracing::error!("export failed: {err:#}");
        let _ = self
            .end
            .send(End::Failed(io::Error::other(format!("{err:#}"))));
    }
}

/// The response body: the queued chunks, then the spilled file read at the client's pace
/// (through tokio's file reads, so no thread waits on the client), or the error that cut
/// the export short. A writer that stopped without saying how (a panic) is an error too.
fn body_stream(
    rx: mpsc::Receiver<Bytes>,
    end: oneshot::Receiver<End>,
) -> impl futures_util::Stream<Item = io::Result<Bytes>> + Send + 'static {
    struct Reading {
        rx: mpsc::Receiver<Bytes>,
        end: Option<oneshot::Receiver<End>>,
        file: Option<tokio::fs::File>,
    }
    let start = Reading {
        rx,
        end: Some(end),
        file: None,
    };
    // Fused: the compression layer polls a finished body once more, and an unfold stream
    // panics when polled after its end.
    let chunks = futures_util::stream::unfold(start, |mut reading| async move {
        if let Some(chunk) = reading.rx.recv().await {
            return Some((Ok(chunk), reading));
        }
        if let Some(end) = reading.end.take() {
            match end.await {
                Ok(End::Done) => return None,
                Ok(End::Spilled(file)) => reading.file = Some(tokio::fs::File::from_std(file)),
                Ok(End::Failed(err)) => return Some((Err(err), reading)),
                Err(_) => return Some((Err(io::Error::other("the export stopped")), reading)),
            }
        }
        let file = reading.file.as_mut()?;
        let mut buf = vec![0; SPILL_READ];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), reading))
            }
            Err(err) => {
                reading.file = None;
                Some((Err(err), reading))
            }
        }
    });
    futures_util::StreamExt::fuse(chunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a whole export through the response body's stream.
    fn drain(rx: mpsc::Receiver<Bytes>, end: oneshot::Receiver<End>) -> io::Result<Vec<u8>> {
        use futures_util::StreamExt;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut all = Vec::new();
            let mut stream = std::pin::pin!(body_stream(rx, end));
            while let Some(piece) = stream.next().await {
                all.extend_from_slice(&piece?);
            }
            Ok(all)
        })
    }

    #[test]
    fn a_client_that_falls_behind_gets_every_chunk_in_order_from_the_spill() {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, end_rx) = oneshot::channel();
        let mut outlet = Outlet::new(tx, end_tx);
        let chunks: Vec<Vec<u8>> = (0..40u8)
            .map(|n| vec![n; 10_000 + usize::from(n)])
            .collect();
        for chunk in &chunks {
            outlet.push(chunk.clone()).unwrap();
        }
        assert!(
            outlet.spill.is_some(),
            "nobody read: the rest went to the file"
        );
        // The writer is done before the client reads anything: no thread waits on it.
        outlet.finish();
        assert_eq!(drain(rx, end_rx).unwrap(), chunks.concat());
    }

    #[test]
    fn a_failed_or_vanished_writer_ends_the_body_with_an_error() {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, end_rx) = oneshot::channel();
        let mut outlet = Outlet::new(tx, end_tx);
        outlet.push(b"id,country\n".to_vec()).unwrap();
        outlet.fail(anyhow::anyhow!("disk gone"));
        assert!(drain(rx, end_rx).is_err());

        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, end_rx) = oneshot::channel();
        drop(Outlet::new(tx, end_tx));
        assert!(drain(rx, end_rx).is_err(), "a panic is not a clean end");
    }

    #[test]
    fn a_client_gone_stops_the_export() {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, _end_rx) = oneshot::channel();
        drop(rx);
        let mut outlet = Outlet::new(tx, end_tx);
        let err = outlet.push(b"row".to_vec()).unwrap_err();
        assert!(err.downcast_ref::<ClientGone>().is_some());
    }
}
