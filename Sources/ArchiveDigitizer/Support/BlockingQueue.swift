import Foundation

/// A bounded first-in first-out queue shared by plain threads.
///
/// The pipeline's stages run on dedicated threads (OCR workers, the PDF assembler, the
/// catalogue writer), not on the Swift concurrency pool, so they hand work to each other
/// through this queue. Its bound is what keeps memory flat: a producer that runs ahead
/// waits in `push` until a consumer has taken something.
public final class BlockingQueue<Element>: @unchecked Sendable {
    // Safe to share: every access to `items` and `isClosed` happens with `condition` locked.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var isClosed = false
    private let capacity: Int

    /// Makes a queue that holds at most `capacity` elements (at least one).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends an element, waiting while the queue is full.
    /// - Returns: `false` (and drops the element) when the queue was closed.
    @discardableResult
    public func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !isClosed { condition.wait() }
        if isClosed { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Takes the oldest element, waiting while the queue is empty.
    /// - Returns: `nil` once the queue is closed and drained.
    public func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !isClosed { condition.wait() }
        guard items.count > head else { return nil }
        let element = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// Stops the queue: pending `push` calls return `false`; `pop` drains what is left, then returns `nil`.
    public func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
