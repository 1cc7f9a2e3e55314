/// Min-heap of pending queries ordered by deadline.
///
/// Each query records its own position so finished queries leave the heap
/// immediately; with multi-second timeouts and 100k+ queries a second, lazy
/// deletion would keep hundreds of thousands of dead entries around.
struct QueryDeadlineHeap {
    private var items: [PendingQuery] = []

    var count: Int { items.count }
    var earliest: UInt64? { items.first?.deadline }

    /// Inserts `query` or moves it to its new deadline.
    mutating func schedule(_ query: PendingQuery, at deadline: UInt64) {
        if query.heapIndex < 0 {
            query.deadline = deadline
            query.heapIndex = items.count
            items.append(query)
            siftUp(items.count - 1)
        } else {
            let earlier = deadline < query.deadline
            query.deadline = deadline
            if earlier { siftUp(query.heapIndex) } else { siftDown(query.heapIndex) }
        }
    }

    mutating func remove(_ query: PendingQuery) {
        let index = query.heapIndex
        guard index >= 0 else { return }
        query.heapIndex = -1
        let last = items.removeLast()
        guard index < items.count else { return }
        items[index] = last
        last.heapIndex = index
        siftDown(index)
        siftUp(last.heapIndex)
    }

    /// Removes and returns the earliest query if its deadline has passed.
    mutating func popExpired(now: UInt64) -> PendingQuery? {
        guard let first = items.first, first.deadline <= now else { return nil }
        remove(first)
        return first
    }

    mutating func removeAll() -> [PendingQuery] {
        let all = items
        for item in all { item.heapIndex = -1 }
        items.removeAll()
        return all
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].deadline < items[parent].deadline else { break }
            swapItems(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { return }
            var smallest = left
            let right = left + 1
            if right < items.count, items[right].deadline < items[left].deadline { smallest = right }
            guard items[smallest].deadline < items[parent].deadline else { return }
            swapItems(smallest, parent)
            parent = smallest
        }
    }

    private mutating func swapItems(_ a: Int, _ b: Int) {
        items.swapAt(a, b)
        items[a].heapIndex = a
        items[b].heapIndex = b
    }
}
