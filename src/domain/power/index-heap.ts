/**
 * A binary min-heap of session indices stored in an `Int32Array`, ordered by `key[j]` then `j`
 * (so equal keys pop in a deterministic order). Used by progressive filling to find the next session
 * to reach its cap in O(log n) instead of sorting every fill.
 */
function less(a: number, b: number, key: ArrayLike<number>): boolean {
  const ka = key[a]!
  const kb = key[b]!
  return ka < kb || (ka === kb && a < b)
}

function siftDown(heap: Int32Array, size: number, from: number, key: ArrayLike<number>): void {
  let i = from
  for (;;) {
    const l = 2 * i + 1
    const r = l + 1
    let m = i
    if (l < size && less(heap[l]!, heap[m]!, key)) m = l
    if (r < size && less(heap[r]!, heap[m]!, key)) m = r
    if (m === i) return
    const t = heap[i]!
    heap[i] = heap[m]!
    heap[m] = t
    i = m
  }
}

/** Orders the first `size` entries into a heap in O(size). */
export function heapify(heap: Int32Array, size: number, key: ArrayLike<number>): void {
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, size, i, key)
}

/** The smallest entry (the heap must not be empty). */
export function heapTop(heap: Int32Array): number {
  return heap[0]!
}

/** Removes the smallest entry; returns the new size. */
export function heapPop(heap: Int32Array, size: number, key: ArrayLike<number>): number {
  const last = size - 1
  heap[0] = heap[last]!
  siftDown(heap, last, 0, key)
  return last
}
