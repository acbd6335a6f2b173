// HttpsClientOptions: the knobs of adapters/outbound/https_client.h, apart so a server's
// options can hold them without pulling in the client.
#ifndef KNEEBOT_ADAPTERS_OUTBOUND_HTTPS_CLIENT_OPTIONS_H_
#define KNEEBOT_ADAPTERS_OUTBOUND_HTTPS_CLIENT_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <string>

namespace kneebot {

struct HttpsClientOptions {
  // Resolving, connecting and the TLS handshake of one new connection.
  std::chrono::milliseconds connect_timeout{10'000};
  // One whole Post, retries and their waits included: a worker thread is never held
  // longer (a retry that would not fit is not started).
  std::chrono::milliseconds total_timeout{10'000};

  // Tries after the first (so 1 + max_retries requests at most).
  int max_retries = 2;
  // Waits between tries: initial_backoff, then doubled, never above max_backoff.
  std::chrono::milliseconds initial_backoff{250};
  std::chrono::milliseconds max_backoff{4'000};
  // A 429's Retry-After up to this is waited for; a longer one ends the retries.
  std::chrono::milliseconds max_retry_after{5'000};

  // Idle keep-alive connections kept per scheme://host:port, and how long one may idle
  // (servers drop theirs after a while; an older one is closed rather than tried).
  size_t max_idle_per_host = 4;
  std::chrono::milliseconds max_idle_time{30'000};

  // Responses larger than this are an error (platform API answers are small).
  size_t max_response_bytes = 4 * 1024 * 1024;

  // A PEM file of extra trusted certificates (tests' self-signed CA); "" = none. The
  // system store is always trusted too.
  std::string extra_ca_file;
  // Plain http:// only to 127.0.0.0/8, ::1 and localhost unless this is set.
  bool allow_plain_http_to_any_host = false;
};

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_OUTBOUND_HTTPS_CLIENT_OPTIONS_H_
