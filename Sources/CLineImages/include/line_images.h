#ifndef DIGITIZE_LINE_IMAGES_H
#define DIGITIZE_LINE_IMAGES_H

/// While a thread is between `digitize_line_images_begin(level)` and `digitize_line_images_end()`,
/// every PNG that Leptonica's `pixWriteMemPng` writes on that thread is deflated at zlib `level`
/// (0 = stored) instead of Leptonica's default 6. Tesseract encodes each text line it recognises
/// as a PNG in memory and decodes it straight back (`ImageData::SetPixInternal`); that round
/// trip is lossless whatever the level, so the level only changes the CPU it costs.
///
/// The override takes effect only where the executable exports `pixWriteMemPng`
/// (`--export-dynamic-symbol=pixWriteMemPng`, set in Package.swift), so that Tesseract's call
/// binds to it before Leptonica's; `digitize_line_images_active()` says whether it did.
void digitize_line_images_begin(int level);
void digitize_line_images_end(void);

/// 1 when Leptonica's `pixWriteMemPng`, as the dynamic linker resolves it for the libraries, is
/// this override; 0 when libraries reach Leptonica's own (the override is then inert).
int digitize_line_images_active(void);

#endif
