/**
 * Standard output for a report that may go to a pipe or a file. Node writes to a pipe
 * asynchronously, so a process that exits right after writing loses what the pipe had not taken
 * yet: here every write waits while the reader is behind, and a reader that goes away (`| head`)
 * ends the output quietly instead of raising EPIPE.
 */
export class PipedOutput {
  private closed = false;
  /** A write error other than a closed pipe (a full disk…), for the caller to report. */
  failure: Error | null = null;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== "EPIPE") this.failure = error;
    });
  }

  /** Writes the text and a newline; resolves once the stream can take more. */
  readonly line = (text: string): void | Promise<void> => {
    if (this.closed) return;
    if (this.stream.write(text + "\n")) return;
    return new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off("drain", done);
        this.stream.off("close", done);
        this.stream.off("error", done);
        resolve();
      };
      this.stream.on("drain", done);
      this.stream.on("close", done);
      this.stream.on("error", done);
    });
  };
}
