//! The ICC profile of a print edition's output intent: the one `report`
//! carries, or a printer's own, checked to be what PDF/X asks for (an
//! output profile of CMYK printing).
//!
//! The built-in profile (`assets/icc/report-cmyk.icc`) is made by
//! `assets/icc/make_profile.py` from a public-domain (CC0) model of CGATS
//! TR 001 printing; see `assets/icc/README.md`.

/// The built-in profile's bytes.
pub(crate) const BUILT_IN: &[u8] = include_bytes!("../../../assets/icc/report-cmyk.icc");

/// What the built-in profile characterises, as the output intent names it
/// (a characterisation registered with the ICC).
pub(crate) const BUILT_IN_CONDITION: &str = "CGATS TR 001";

/// What a profile's header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileInfo {
    /// The description tag's text, when it has one.
    pub description: Option<String>,
    /// Colour channels: 4 for CMYK.
    pub channels: u8,
}

/// Checks that `bytes` is an ICC output profile of CMYK printing.
pub(crate) fn inspect(bytes: &[u8]) -> Result<ProfileInfo, String> {
    if bytes.len() < 132 || &bytes[36..40] != b"acsp" {
        return Err("is not an ICC profile".to_owned());
    }
    let declared = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    if declared != bytes.len() {
        return Err(format!(
            "is cut short or padded (its header says {declared} bytes, the file has {})",
            bytes.len()
        ));
    }
    let class = String::from_utf8_lossy(&bytes[12..16]).trim().to_owned();
    let space = String::from_utf8_lossy(&bytes[16..20]).trim().to_owned();
    if space != "CMYK" {
        return Err(format!("describes {space} colour, not CMYK"));
    }
    if class != "prtr" {
        let kind = match class.as_str() {
            "scnr" => "an input (scanner) profile",
            "mntr" => "a display profile",
            "link" => "a device link",
            "spac" => "a colour space profile",
            "abst" => "an abstract profile",
            "nmcl" => "a named colour profile",
            _ => "not an output profile",
        };
        return Err(format!("is {kind}, not an output (printer) profile"));
    }
    Ok(ProfileInfo {
        description: description(bytes),
        channels: 4,
    })
}

/// The text of the `desc` tag (ICC v2 `desc` or v4 `mluc`, first record).
pub(crate) fn description(bytes: &[u8]) -> Option<String> {
    let be32 = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let count = be32(128)?;
    let tag = (0..count.min(256)).find_map(|i| {
        let entry = 132 + 12 * i;
        (bytes.get(entry..entry + 4)? == b"desc").then(|| (be32(entry + 4), be32(entry + 8)))
    })?;
    let (offset, size) = (tag.0?, tag.1?);
    let data = bytes.get(offset..offset.checked_add(size)?)?;
    let text = match data.get(0..4)? {
        b"desc" => {
            let length = u32::from_be_bytes(data.get(8..12)?.try_into().ok()?) as usize;
            String::from_utf8_lossy(data.get(12..12 + length)?).into_owned()
        }
        b"mluc" => {
            let length = u32::from_be_bytes(data.get(20..24)?.try_into().ok()?) as usize;
            let start = u32::from_be_bytes(data.get(24..28)?.try_into().ok()?) as usize;
            let units: Vec<u16> = data
                .get(start..start + length)?
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => return None,
    };
    let text = text.trim_end_matches('\0').trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profile_is_a_cmyk_output_profile() {
        let info = inspect(BUILT_IN).expect("built-in profile");
        assert_eq!(info.channels, 4);
        assert!(
            info.description
                .as_deref()
                .is_some_and(|d| d.contains("CGATS TR 001")),
            "{info:?}"
        );
    }

    #[test]
    fn other_profiles_are_refused_with_what_they_are() {
        assert_eq!(
            inspect(b"hello").expect_err("refused"),
            "is not an ICC profile"
        );
        let mut rgb = BUILT_IN.to_vec();
        rgb[16..20].copy_from_slice(b"RGB ");
        assert_eq!(
            inspect(&rgb).expect_err("refused"),
            "describes RGB colour, not CMYK"
        );
        let mut scanner = BUILT_IN.to_vec();
        scanner[12..16].copy_from_slice(b"scnr");
        assert!(
            inspect(&scanner)
                .expect_err("refused")
                .contains("input (scanner) profile")
        );
        assert!(
            inspect(&BUILT_IN[..BUILT_IN.len() - 1])
                .expect_err("refused")
                .contains("cut short")
        );
    }
}
