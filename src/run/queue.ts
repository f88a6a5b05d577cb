/**
 * The ordered queue of a run and its room (run/convert.ts). Each input's steps (its pages, a whole
 * small file, its end, or why it failed) take their place in the queue as the producer reads them;
 * their results arrive later, in any order, and are taken in queue order: the queue is the reorder
 * buffer. The room bounds the pages and characters in flight (read, not yet taken), so memory stays
 * bounded whatever the input and however slow the consumer.
 */
import type { FileResult, PageResult } from './worker.js';

export type Step =
  | { kind: 'page'; input: number; page: number; chars: number; encoding: string; result: Promise<PageResult>; cut?: string }
  | { kind: 'file'; input: number; bytes: number; result: Promise<FileResult> }
  | { kind: 'done'; input: number; warnings: string[] }
  | { kind: 'skipped'; input: number }
  | { kind: 'failed'; input: number; reason: string; error?: unknown };

export class StepQueue {
  private readonly items: Step[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;

  push(step: Step): void {
    this.items.push(step);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  async shift(): Promise<Step | undefined> {
    while (!this.items.length && !this.closed) await new Promise<void>((r) => { this.waiter = r; });
    return this.items.shift();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** Room for pages in flight: a page waits until both its count and its characters fit. */
export class Room {
  private pages = 0;
  private chars = 0;
  private waiting: Array<() => void> = [];
  private cancelled = false;

  constructor(private readonly maxPages: number, private readonly maxChars: number) {}

  async take(chars: number): Promise<void> {
    while (!this.cancelled && (this.pages >= this.maxPages || (this.pages > 0 && this.chars + chars > this.maxChars))) {
      await new Promise<void>((r) => this.waiting.push(r));
    }
    this.pages++;
    this.chars += chars;
  }

  give(chars: number): void {
    this.pages--;
    this.chars -= chars;
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r();
  }

  cancel(): void {
    this.cancelled = true;
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r();
  }
}
