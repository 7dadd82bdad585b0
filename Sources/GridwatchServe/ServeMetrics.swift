import Prometheus

/// What `GET /metrics` reports, in Prometheus text format: requests by route and status,
/// how long appends take, and how far behind the store the service may be.
final class ServeMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500].map { .milliseconds($0) }

    /// Counts a request and its time.
    func request(route: String, method: String, status: Int, took: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(descriptor: Self.name("http_requests_total", "HTTP requests answered, by route, method and status"), labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.name("http_request_duration_seconds", "Time to answer a request, by route"),
                                       labels: [("route", route)], buckets: Self.latencyBuckets).record(took)
    }

    /// Records how long a durable append took (the time to a 201, less the HTTP part).
    func append(took: Duration) {
        registry.makeDurationHistogram(descriptor: Self.name("append_duration_seconds", "Time for a batch to become durable in the store"),
                                       labels: [], buckets: Self.latencyBuckets).record(took)
    }

    /// The exposition text, with the store's head and lag read now.
    func text(headSeq: UInt64, lagSeconds: Double) -> String {
        registry.makeGauge(descriptor: Self.name("store_head_seq", "The last event sequence number this service has read")).set(Double(headSeq))
        registry.makeGauge(descriptor: Self.name("store_lag_seconds", "Seconds since this service last read the store")).set(lagSeconds)
        return registry.emitToString()
    }

    private static func name(_ metric: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "gridwatch", metricName: metric, helpText: help)
    }
}
