// A range allocator persisted the way kube-apiserver persists service IPs and node ports: one
// RangeAllocation object per range (`/registry/ranges/serviceips`, `…/servicenodeports`) holding a
// bitmap, updated with compare-and-swap — so two apiservers on one store never hand out the same
// address or port.
import { randomInt } from 'node:crypto';
import { isStorageError, type ObjectStore, type StoredObject } from '../../storage/index.js';

export interface RangeAllocation extends StoredObject {
  range: string;
  /** base64 bitmap; bit i (byte i>>3, mask 1<<(i&7)) set = offset i allocated. */
  data: string;
}

export class RangeFullError extends Error {
  constructor(readonly range: string) {
    super(`range is full`);
  }
}

export class AlreadyAllocatedError extends Error {
  constructor() {
    super('provided value is already allocated');
  }
}

export interface BitmapRangeOptions {
  store: ObjectStore;
  key: string;
  /** The range as a string for the stored object (`10.96.0.0/12`, `30000-32767`). */
  rangeText: string;
  size: number;
  /** Offsets random allocation starts from (Kubernetes keeps the low part of the IP range for static IPs). */
  dynamicFrom?: number;
}

const isSet = (bits: Buffer, i: number): boolean => ((bits[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;

export class BitmapRange {
  constructor(private readonly opts: BitmapRangeOptions) {}

  /** Creates the allocation object if missing (idempotent: another apiserver may win). */
  async ensure(): Promise<void> {
    const empty: RangeAllocation = {
      apiVersion: 'v1',
      kind: 'RangeAllocation',
      metadata: { creationTimestamp: null },
      range: this.opts.rangeText,
      data: Buffer.alloc(Math.ceil(this.opts.size / 8)).toString('base64'),
    };
    try {
      await this.opts.store.create(this.opts.key, empty);
    } catch (err) {
      if (!isStorageError(err, 'AlreadyExists')) throw err;
    }
  }

  private async modify(fn: (bits: Buffer) => number): Promise<number> {
    let result = -1;
    await this.opts.store.guaranteedUpdate(this.opts.key, undefined, (cur) => {
      const alloc = cur as RangeAllocation;
      const bits = Buffer.alloc(Math.ceil(this.opts.size / 8));
      Buffer.from(alloc.data ?? '', 'base64').copy(bits);
      result = fn(bits);
      return { ...alloc, range: this.opts.rangeText, data: bits.toString('base64') };
    });
    return result;
  }

  /** Allocates exactly `offset`; throws AlreadyAllocatedError when taken. */
  async allocate(offset: number): Promise<void> {
    await this.modify((bits) => {
      if (isSet(bits, offset)) throw new AlreadyAllocatedError();
      bits[offset >> 3] = (bits[offset >> 3] ?? 0) | (1 << (offset & 7));
      return offset;
    });
  }

  /** Allocates a free offset at random in the dynamic part first, then anywhere; RangeFullError when none. */
  async allocateNext(): Promise<number> {
    return this.modify((bits) => {
      const { size } = this.opts;
      const from = Math.min(this.opts.dynamicFrom ?? 0, size - 1);
      const spans: Array<[number, number]> = [[from, size], [0, from]];
      for (const [lo, hi] of spans) {
        if (hi <= lo) continue;
        const start = lo + randomInt(hi - lo);
        for (let k = 0; k < hi - lo; k++) {
          const i = lo + ((start - lo + k) % (hi - lo));
          if (!isSet(bits, i)) {
            bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7));
            return i;
          }
        }
      }
      throw new RangeFullError(this.opts.rangeText);
    });
  }

  async release(offset: number): Promise<void> {
    await this.modify((bits) => {
      bits[offset >> 3] = (bits[offset >> 3] ?? 0) & ~(1 << (offset & 7));
      return offset;
    });
  }

  async isAllocated(offset: number): Promise<boolean> {
    const cur = (await this.opts.store.get(this.opts.key)) as RangeAllocation;
    return isSet(Buffer.from(cur.data ?? '', 'base64'), offset);
  }
}
