/* Makes the large inputs of the memory benchmark (issue #16) from one SampleScans page, so no huge
 * file is committed: a 9000 x 9000 gray PNG, a 2400 dpi 1-bit scan of a 4 x 6 inch card (G4 TIFF),
 * a 100-page A4 G4 TIFF, and a PDF whose one page is a 9000 x 9000 RGB JPEG.
 * Usage: make-large-inputs SAMPLE.png OUTPUT-FOLDER   (the folder gets one archival file per input) */
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int folder(const char *out, const char *code, char *path, size_t size) {
    snprintf(path, size, "%s/%s", out, code);
    return mkdir(path, 0755) == 0 || 1;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s SAMPLE.png OUTPUT-FOLDER\n", argv[0]); return 64; }
    setMsgSeverity(L_SEVERITY_ERROR);
    PIX *sample = pixRead(argv[1]);
    if (!sample) { fprintf(stderr, "cannot read %s\n", argv[1]); return 66; }
    PIX *gray = pixConvertTo8(sample, 0);
    char path[4096], file[4200];
    mkdir(argv[2], 0755);

    PIX *big = pixScaleToSize(gray, 9000, 9000);
    pixSetResolution(big, 300, 300);
    folder(argv[2], "HN-BIG.01.001.0001", path, sizeof path);
    snprintf(file, sizeof file, "%s/1.png", path);
    if (pixWrite(file, big, IFF_PNG)) return 74;

    PIX *card = pixScaleToSize(gray, 9600, 14400);
    PIX *card1 = pixThresholdToBinary(card, 160);
    pixSetResolution(card1, 2400, 2400);
    folder(argv[2], "HN-BIG.01.001.0002", path, sizeof path);
    snprintf(file, sizeof file, "%s/1.tif", path);
    if (pixWriteTiff(file, card1, IFF_TIFF_G4, "w")) return 74;

    PIX *a4 = pixScaleToSize(gray, 2480, 3508);
    PIX *a41 = pixThresholdToBinary(a4, 160);
    pixSetResolution(a41, 300, 300);
    folder(argv[2], "HN-BIG.01.001.0003", path, sizeof path);
    snprintf(file, sizeof file, "%s/1.tif", path);
    for (int page = 0; page < 100; page++)
        if (pixWriteTiff(file, a41, IFF_TIFF_G4, page == 0 ? "w" : "a")) return 74;

    PIX *colour = pixConvertTo32(big);
    folder(argv[2], "HN-BIG.01.001.0004", path, sizeof path);
    snprintf(file, sizeof file, "%s/1.pdf", path);
    if (pixConvertToPdf(colour, L_JPEG_ENCODE, 85, file, 0, 0, 300, "enormous", NULL, L_FIRST_IMAGE | L_LAST_IMAGE)) return 74;
    printf("%s\n", argv[2]);
    return 0;
}
