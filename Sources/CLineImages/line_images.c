// Lossless fast path for the PNGs Tesseract makes of every text line (see line_images.h).
#define _GNU_SOURCE
#include "line_images.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <leptonica/allheaders.h>

typedef l_ok (*WriteMemPng)(l_uint8 **, size_t *, PIX *, l_float32);

static _Thread_local int lineLevel = -1;
static WriteMemPng leptonicaWriteMemPng;
static pthread_once_t lookedUp = PTHREAD_ONCE_INIT;

static void lookUpLeptonica(void) {
    leptonicaWriteMemPng = (WriteMemPng)dlsym(RTLD_NEXT, "pixWriteMemPng");
}

void digitize_line_images_begin(int level) {
    lineLevel = (level >= 0 && level <= 9) ? level : -1;
}

void digitize_line_images_end(void) {
    lineLevel = -1;
}

int digitize_line_images_active(void) {
    return dlsym(RTLD_DEFAULT, "pixWriteMemPng") == (void *)pixWriteMemPng;
}

// Leptonica's own function, reached through RTLD_NEXT, after setting the level the pix carries
// (`pixSetZlibCompression` stores it in `pix->special`, which `pixWriteStreamPng` reads), then
// clearing it again: the pixes Tesseract passes are fresh clips of a line, whose `special` is 0
// (Leptonica has no getter for the field, which is private from 1.83 on).
l_ok pixWriteMemPng(l_uint8 **filedata, size_t *filesize, PIX *pix, l_float32 gamma) {
    pthread_once(&lookedUp, lookUpLeptonica);
    if (!leptonicaWriteMemPng) return 1;
    if (!pix || lineLevel < 0) return leptonicaWriteMemPng(filedata, filesize, pix, gamma);
    pixSetZlibCompression(pix, lineLevel);
    l_ok status = leptonicaWriteMemPng(filedata, filesize, pix, gamma);
    pixSetSpecial(pix, 0);
    return status;
}
