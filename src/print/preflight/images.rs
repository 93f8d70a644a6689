//! Which project files an image in the PDF may come from. A PDF keeps an
//! image's pixels, not its file name; files Typst read are matched by
//! their size in pixels, so a warning can name the file to replace.

use std::collections::HashMap;
use std::path::Path;

/// Raster files by their size in pixels.
#[derive(Debug, Clone, Default)]
pub struct ImageNames {
    by_size: HashMap<(u32, u32), Vec<String>>,
}

/// Extensions of the raster formats Typst reads.
const RASTER: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

impl ImageNames {
    /// Reads the pixel size of each raster file among `files` (relative to
    /// `root`, as shown); other files are skipped.
    pub fn from_files<'a>(root: &Path, files: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_size: HashMap<(u32, u32), Vec<String>> = HashMap::new();
        for file in files {
            let raster = Path::new(file)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| RASTER.contains(&e.to_ascii_lowercase().as_str()));
            if !raster {
                continue;
            }
            let Ok(size) = imagesize::size(root.join(file.trim_start_matches('/'))) else {
                continue;
            };
            let (Ok(w), Ok(h)) = (u32::try_from(size.width), u32::try_from(size.height)) else {
                continue;
            };
            let names = by_size.entry((w, h)).or_default();
            if !names.iter().any(|n| n == file) {
                names.push(file.trim_start_matches('/').to_owned());
                names.sort();
            }
        }
        Self { by_size }
    }

    /// The files of this size in pixels.
    pub fn files(&self, pixels: (u32, u32)) -> Vec<String> {
        self.by_size.get(&pixels).cloned().unwrap_or_default()
    }
}
