import Dispatch

/// The reactor thread as a task executor (SE-0417), for load loops that do
/// little besides waiting for answers.
///
/// On the global pool every answer costs a thread wake-up: resuming the
/// caller's continuation enqueues its task on the pool (futex), and the
/// task's next query then has to wake the reactor (eventfd). A task that
/// prefers this executor is resumed on the reactor's own run queue instead,
/// runs right after the epoll batch that answered it, and its next query
/// finds the reactor awake. Whatever such a task computes delays every
/// other query of the transport, so work that costs CPU stays on the pool.
extension Reactor: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if !enqueue(job: job) { runAfterStop(job) }
    }

    /// Once the reactor has stopped, its tasks still have to run (to see their
    /// queries fail and to finish). Dispatch's threads run them, still under this
    /// executor's identity: run as plain pool jobs, the tasks' preference would
    /// send them straight back here at their next hop, and round again.
    func runAfterStop(_ job: UnownedJob) {
        DispatchQueue.global().async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
