//! Where `report` meets the operating system: writing files ([`files`]:
//! only into real directories of the project, atomically), signals
//! ([`interrupt`]: Ctrl-C and SIGTERM as one flag that work polls), child
//! processes ([`process`]: output captured without deadlocks, stopped on
//! interrupt or timeout) and file events ([`watcher`], for `report watch`).

pub mod files;
pub mod interrupt;
pub mod process;
pub mod watcher;
