//! Where `report` meets the operating system: writing files ([`files`]:
//! only into real directories of the project, atomically), signals
//! ([`interrupt`]: Ctrl-C and SIGTERM as one flag that work polls), child
//! processes ([`process`]: output captured without deadlocks, stopped on
//! interrupt or timeout) and file events ([`watcher`], for `report watch`).

pub(crate) mod files;
pub(crate) mod interrupt;
pub(crate) mod process;
pub(crate) mod watcher;
