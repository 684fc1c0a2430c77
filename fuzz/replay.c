/*
 * Replays files through a fuzz target without libFuzzer, so any C
 * compiler (gcc with -fsanitize=address,undefined) can run the corpus.
 * Usage: replay FILE...  Prints one TAP line per file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	unsigned char *buf;
	size_t len, cap;
	FILE *fp;
	int i;

	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			printf("not ok %d - %s: cannot open\n", i, argv[i]);
			continue;
		}
		buf = NULL;
		len = cap = 0;
		for (;;) {
			if (len == cap && (buf = realloc(buf,
			    cap = cap ? 2 * cap : 4096)) == NULL)
				abort();
			size_t n = fread(buf + len, 1, cap - len, fp);
			if (n == 0)
				break;
			len += n;
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		printf("ok %d - %s\n", i, argv[i]);
	}
	return 0;
}
