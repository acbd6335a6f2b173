// HttpsClient: the server's OutboundHttp, a small synchronous HTTP(S) client over
// Boost.Beast and OpenSSL for the channels' platform APIs (Telegram's sendMessage, ...).
//
//   std::unique_ptr<HttpsClient> http;
//   Status s = HttpsClient::Create(HttpsClientOptions{}, &http);
//   OutboundHttp::Response r;
//   s = http->Post("https://api.telegram.org/bot<token>/sendMessage", {}, "application/json",
//                  body, &r);   // blocks: worker threads only
//
// TLS peers are verified against the system store (plus options.extra_ca_file), with
// SNI and host name checks. Plain http:// is for local fakes: by default only to a
// loopback host, so a misconfigured API URL cannot send a token in the clear.
//
// Retries (options.max_retries): a 429, a 5xx or no response at all is tried again after
// an exponential backoff (a 429's Retry-After when it is within options.max_retry_after;
// a longer one is returned to the caller at once, since asking sooner is refused anyway).
// When the retries are used up, the last response is returned as OK with its status; an
// error Status only when no response came. A POST retried after a timeout may have been
// taken by the platform the first time: callers that cannot bear a duplicate set
// max_retries to 0.
//
// Idle keep-alive connections are pooled per scheme, host and port (bounded). Safe for
// concurrent use. Logs the host and status of retries and failures, never a path (a bot
// token lives in Telegram's), a header or a body.
#ifndef KNEEBOT_ADAPTERS_OUTBOUND_HTTPS_CLIENT_H_
#define KNEEBOT_ADAPTERS_OUTBOUND_HTTPS_CLIENT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "adapters/channel.h"
#include "adapters/outbound/https_client_options.h"

namespace kneebot {

class HttpsClient final : public OutboundHttp {
 public:
  // Fails when options.extra_ca_file cannot be read or the TLS context cannot be made.
  static Status Create(HttpsClientOptions options, std::unique_ptr<HttpsClient>* out);
  ~HttpsClient() override;

  Status Post(const std::string& url,
              const std::vector<std::pair<std::string, std::string>>& headers,
              const std::string& content_type, const std::string& body,
              Response* out) override;

  // TCP connections opened so far (tests check keep-alive reuse with it).
  size_t connections_opened() const;

 private:
  struct Impl;
  explicit HttpsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_OUTBOUND_HTTPS_CLIENT_H_
