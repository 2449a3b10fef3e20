"""File -> list of text lines, with page furniture removed.

Input: a .txt/.md conversion or a PDF with a text layer. Output: lines, where
"" marks a blank line or a page break (both can split a paragraph mid-sentence,
so the parser treats them alike). Anything that is not a report we can read
raises `ParseError` with one line naming the reason.

    extract_lines("medway-2013-08-23.pdf")[:3]
    -> ["Inspection of looked after children", "services", "Medway Council"]
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from index.model import ParseError

SUPPORTED = (".txt", ".md", ".pdf")

# Running headers vary only by page number ("Sandwell Council Inspection ... 4"),
# so they are compared with digits removed.
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}(\s*of\s*\d{1,3})?$", re.I)


def extract_lines(path: str | Path) -> list[str]:
    path = Path(path)
    if not path.exists():
        raise ParseError(str(path), "no such file")
    if path.suffix.lower() not in SUPPORTED:
        raise ParseError(str(path), f"unsupported file type '{path.suffix}' (use .pdf, .txt or .md)")
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(str(path), "the file is empty")
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        raise ParseError(str(path), "this is an HTML page, not a report (a failed download saved under a report's name?)")
    if path.suffix.lower() == ".pdf":
        return _pdf_lines(path, data)
    return _text_lines(data)


def _text_lines(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return [line.strip() for line in text.splitlines()]


def _pdf_lines(path: Path, data: bytes) -> list[str]:
    if not data.startswith(b"%PDF-"):
        raise ParseError(str(path), "not a PDF file (it does not start with %PDF-)")
    # PDFium (Chrome's PDF engine): a whole report's text in about 0.05 s where pure-Python
    # pypdf took 1.5 s, which on the whole corpus is most of an ingest's parsing time.
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower() or "security" in str(exc).lower():
            raise ParseError(str(path), "the PDF is encrypted; save an unprotected copy and try again") from None
        raise ParseError(str(path), f"cannot read the PDF ({_first_line(exc)})") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            # PDFium reports a hyphen that fell at a line break as U+FFFE ("home\ufffeeducated",
            # "multi\ufffeagency"): across the whole corpus (2,370 of them, 529 distinct, in its 431 reports)
            # every one is a real hyphen ("up-to-date", "Wi-Fi", "Stockton-on-Tees"), and left as it is
            # the word matches neither "home educated" nor "home-educated".
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-"))
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise ParseError(str(path), f"cannot read the PDF ({_first_line(exc)})") from None
    finally:
        pdf.close()
    if sum(len(p.strip()) for p in pages) < 200:
        raise ParseError(str(path), "the PDF has no text layer (a scanned image?); run OCR on it first")
    return strip_furniture([[line.strip() for line in page.splitlines()] for page in pages])


def _first_line(exc: Exception) -> str:
    text = (str(exc).splitlines() or [""])[0][:160]
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def strip_furniture(pages: list[list[str]]) -> list[str]:
    """Drop running headers, footers and page numbers; join pages with a blank line.

    A line is furniture when it sits in the first three or last two non-blank
    lines of a page and, digits removed, recurs in that position on at least
    40% of the pages (or is a bare page number). On the first page only page
    numbers go: an ILACS title is also the running header of every later page.
    """
    def edges(lines: list[str]) -> list[int]:
        idx = [i for i, line in enumerate(lines) if line]
        return idx[:3] + idx[-2:]

    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(lines[i]) for i in edges(lines)})
    threshold = max(3, int(0.4 * len(pages)))
    repeated = {k for k, n in counts.items() if n >= threshold and k}

    out: list[str] = []
    for n, lines in enumerate(pages):
        # the title page may carry the running header's words as its title: keep them there
        drop = {i for i in edges(lines) if (n and _key(lines[i]) in repeated) or _PAGE_NUMBER.match(lines[i])}
        out.extend(line for i, line in enumerate(lines) if i not in drop)
        out.append("")
    return out


def _key(line: str) -> str:
    return " ".join(_DIGITS.sub("", line).lower().split())
