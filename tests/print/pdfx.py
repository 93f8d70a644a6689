"""Reads a print edition with pikepdf (qpdf) and Pillow's ImageCms
(LittleCMS) and prints what the tests assert, as JSON: the PDF version, the
page boxes, the output intents and their profiles (as LittleCMS sees them),
the PDF/X keys of the Info dictionary and the XMP packet, annotations, and
every device colour space the pages use.

Usage: python pdfx.py FILE.pdf
"""

import io
import json
import sys

import pikepdf
from PIL import Image, ImageCms


def boxes(page):
    def box(name):
        value = page.obj.get(name)
        return [round(float(v), 2) for v in value] if value is not None else None

    return {name: box("/" + name) for name in ("MediaBox", "BleedBox", "TrimBox", "CropBox", "ArtBox")}


def profile_report(data):
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    srgb = ImageCms.createProfile("sRGB")
    to_cmyk = ImageCms.buildTransform(srgb, profile, "RGB", "CMYK")
    pixels = {}
    for name, rgb in (("white", (255, 255, 255)), ("black", (0, 0, 0)), ("red", (200, 30, 30))):
        pixels[name] = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), to_cmyk).getpixel((0, 0))
    return {
        "class": profile.profile.device_class,
        "space": profile.profile.xcolor_space.strip(),
        "pcs": profile.profile.connection_space.strip(),
        "description": ImageCms.getProfileDescription(profile).strip(),
        "cmyk": pixels,
    }


def device_spaces(pdf):
    """Device colour spaces named by operators, resources and images."""
    found = set()
    operators = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK", "g": "DeviceGray", "G": "DeviceGray"}

    def walk_resources(resources, seen):
        if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
            return
        seen.add(resources.objgen)
        for space in (resources.get("/ColorSpace") or {}).values():
            name = space if isinstance(space, pikepdf.Name) else space[0] if isinstance(space, pikepdf.Array) else None
            if name is not None and str(name).startswith("/Device"):
                found.add(str(name)[1:])
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Image":
                space = xobject.get("/ColorSpace")
                if isinstance(space, pikepdf.Name) and str(space).startswith("/Device"):
                    found.add(str(space)[1:])
            elif xobject.get("/Subtype") == "/Form":
                for operands, operator in pikepdf.parse_content_stream(xobject):
                    if str(operator) in operators:
                        found.add(operators[str(operator)])
                walk_resources(xobject.get("/Resources"), seen)

    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in operators:
                found.add(operators[str(operator)])
        walk_resources(page.obj.get("/Resources"), set())
        group = page.obj.get("/Group")
        if group is not None and isinstance(group.get("/CS"), pikepdf.Name):
            found.add(str(group.get("/CS"))[1:])
    return sorted(found)


def main(path):
    pdf = pikepdf.open(path)
    intents = []
    for intent in pdf.Root.get("/OutputIntents") or []:
        profile = intent.get("/DestOutputProfile")
        intents.append({
            "S": str(intent.get("/S")),
            "OutputConditionIdentifier": str(intent.get("/OutputConditionIdentifier")),
            "RegistryName": str(intent.get("/RegistryName", "")),
            "N": int(profile.get("/N")) if profile is not None else None,
            "profile": profile_report(profile.read_bytes()) if profile is not None else None,
            "profile_bytes": len(profile.read_bytes()) if profile is not None else 0,
        })
    info = pdf.trailer.get("/Info") or {}
    meta = pdf.open_metadata()
    report = {
        "version": pdf.pdf_version,
        "pages": [boxes(page) for page in pdf.pages],
        "annotations": sum(len(page.obj.get("/Annots") or []) for page in pdf.pages),
        "intents": intents,
        "info": {
            "GTS_PDFXVersion": str(info.get("/GTS_PDFXVersion", "")),
            "Trapped": str(info.get("/Trapped", "")),
            "Title": str(info.get("/Title", "")),
            "CreationDate": str(info.get("/CreationDate", "")),
            "ModDate": str(info.get("/ModDate", "")),
        },
        "xmp": {
            "pdfx_version": meta.get("pdfxid:GTS_PDFXVersion", ""),
            "trapped": meta.get("pdf:Trapped", ""),
            "title": meta.get("dc:title", ""),
            "language": sorted(meta.get("dc:language", []) or []),
            "document_id": meta.get("xmpMM:DocumentID", ""),
        },
        "device_spaces": device_spaces(pdf),
    }
    json.dump(report, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
