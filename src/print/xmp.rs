//! The XMP metadata packet of a print edition: what the document's Info
//! dictionary says, in the form PDF/X-4 requires (`pdfxid:GTS_PDFXVersion`,
//! `pdf:Trapped`, the xmpMM identifiers), written the same way every time.

use crate::escape::{is_xml_char, xml_text};

/// What the packet says.
#[derive(Debug, Clone, Default)]
pub(crate) struct XmpFields {
    /// `dc:title`.
    pub title: String,
    /// `dc:creator`, when the document has an author.
    pub author: Option<String>,
    /// `dc:description`.
    pub subject: Option<String>,
    /// `pdf:Keywords`.
    pub keywords: Option<String>,
    /// `dc:language` (a BCP 47 tag).
    pub language: Option<String>,
    /// `xmp:CreateDate`, `xmp:ModifyDate`, `xmp:MetadataDate` (ISO 8601).
    pub date: String,
    /// `xmp:CreatorTool`.
    pub creator_tool: String,
    /// `pdf:Producer`.
    pub producer: String,
    /// `xmpMM:DocumentID` and `InstanceID` (`uuid:…`).
    pub document_id: String,
    /// `xmpMM:InstanceID`.
    pub instance_id: String,
    /// `pdfxid:GTS_PDFXVersion`.
    pub pdfx_version: String,
}

impl XmpFields {
    /// The packet, as the bytes of the catalog's Metadata stream.
    pub(crate) fn packet(&self) -> String {
        let lang = self.language.as_deref().unwrap_or("x-default");
        let mut out = String::from(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
             <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
             <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
             <rdf:Description rdf:about=\"\"\n\
             \x20 xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
             \x20 xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
             \x20 xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
             \x20 xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n\
             \x20 xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n",
        );
        out.push_str("<dc:format>application/pdf</dc:format>\n");
        out.push_str(&format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li>{}</rdf:Alt></dc:title>\n",
            escape(&self.title),
            if lang == "x-default" {
                String::new()
            } else {
                format!("<rdf:li xml:lang=\"{}\">{}</rdf:li>", escape(lang), escape(&self.title))
            }
        ));
        if let Some(author) = &self.author {
            out.push_str(&format!(
                "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
                escape(author)
            ));
        }
        if let Some(subject) = &self.subject {
            out.push_str(&format!(
                "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
                escape(subject)
            ));
        }
        if let Some(language) = &self.language {
            out.push_str(&format!(
                "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
                escape(language)
            ));
        }
        let date = escape(&self.date);
        out.push_str(&format!(
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
             <xmp:MetadataDate>{date}</xmp:MetadataDate>\n<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
            escape(&self.creator_tool)
        ));
        out.push_str(&format!(
            "<pdf:Producer>{}</pdf:Producer>\n",
            escape(&self.producer)
        ));
        if let Some(keywords) = &self.keywords {
            out.push_str(&format!(
                "<pdf:Keywords>{}</pdf:Keywords>\n",
                escape(keywords)
            ));
        }
        out.push_str("<pdf:Trapped>False</pdf:Trapped>\n");
        out.push_str(&format!(
            "<xmpMM:DocumentID>{}</xmpMM:DocumentID>\n<xmpMM:InstanceID>{}</xmpMM:InstanceID>\n\
             <xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n",
            escape(&self.document_id),
            escape(&self.instance_id)
        ));
        out.push_str(&format!(
            "<pdfxid:GTS_PDFXVersion>{}</pdfxid:GTS_PDFXVersion>\n",
            escape(&self.pdfx_version)
        ));
        out.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
        out
    }
}

/// Text as XML character data (characters XML cannot hold become spaces).
fn escape(text: &str) -> String {
    let holdable: String = text
        .chars()
        .map(|c| if is_xml_char(c) { c } else { ' ' })
        .collect();
    xml_text(&holdable)
}

/// A PDF date (`D:20240415000000Z`, `D:20240415093000+02'00'`) as XMP's
/// ISO 8601 (`2024-04-15T00:00:00Z`); `None` when it is not one.
pub(crate) fn iso_date(pdf_date: &str) -> Option<String> {
    let digits = pdf_date.strip_prefix("D:").unwrap_or(pdf_date);
    let field = |range: std::ops::Range<usize>, default: &'static str| -> Option<String> {
        match digits.get(range) {
            Some(d) if d.bytes().all(|b| b.is_ascii_digit()) => Some(d.to_owned()),
            Some(_) => None,
            None => Some(default.to_owned()),
        }
    };
    let year = digits
        .get(0..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let (month, day) = (field(4..6, "01")?, field(6..8, "01")?);
    let (hour, minute, second) = (
        field(8..10, "00")?,
        field(10..12, "00")?,
        field(12..14, "00")?,
    );
    let zone = match digits.get(14..) {
        None | Some("") | Some("Z") => "Z".to_owned(),
        Some(rest) => {
            let sign = rest.chars().next().filter(|c| matches!(c, '+' | '-'))?;
            let hh = rest.get(1..3)?;
            let mm = rest.get(4..6).unwrap_or("00");
            format!("{sign}{hh}:{mm}")
        }
    };
    Some(format!(
        "{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_iso_dates() {
        assert_eq!(
            iso_date("D:20240415000000Z").as_deref(),
            Some("2024-04-15T00:00:00Z")
        );
        assert_eq!(
            iso_date("D:20240415093000+02'00'").as_deref(),
            Some("2024-04-15T09:30:00+02:00")
        );
        assert_eq!(iso_date("D:2024").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(iso_date("yesterday"), None);
    }

    #[test]
    fn the_packet_is_escaped_and_says_pdfx() {
        let fields = XmpFields {
            title: "Cuba & <Putin>".into(),
            language: Some("es".into()),
            date: "2024-04-15T00:00:00Z".into(),
            pdfx_version: "PDF/X-4".into(),
            ..XmpFields::default()
        };
        let packet = fields.packet();
        assert!(packet.contains("Cuba &amp; &lt;Putin&gt;"));
        assert!(packet.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
        assert!(packet.contains("<pdf:Trapped>False</pdf:Trapped>"));
        assert!(packet.contains("xml:lang=\"es\""));
    }
}
