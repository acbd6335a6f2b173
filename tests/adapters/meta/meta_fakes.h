// Fakes for the Meta channel tests: a TurnRunner that records activities and answers
// scripted Replies, an OutboundHttp that records calls, a map Environment, and signed
// webhook requests.
#ifndef KNEEBOT_TESTS_ADAPTERS_META_META_FAKES_H_
#define KNEEBOT_TESTS_ADAPTERS_META_META_FAKES_H_

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/channel.h"
#include "adapters/meta/meta_webhook.h"

namespace kneebot::test {

inline constexpr char kAppSecret[] = "test_app_secret";  // channels.md §5.4
inline constexpr char kVerifyToken[] = "meatyhamhock";

class FakeTurns final : public TurnRunner {
 public:
  // A reply of one bubble and no options.
  static Reply TextReply(std::string text) {
    Reply r;
    r.messages.push_back(std::move(text));
    return r;
  }

  Status Run(const Activity& in, Reply* out) override {
    std::lock_guard lock(mu_);
    seen_.push_back(in);
    if (!status_.ok()) return status_;
    if (!scripted_.empty()) {
      *out = std::move(scripted_.front());
      scripted_.pop_front();
    } else {
      *out = default_reply_;
    }
    return Status::OK();
  }

  void Enqueue(Reply r) {
    std::lock_guard lock(mu_);
    scripted_.push_back(std::move(r));
  }
  void SetDefault(Reply r) {
    std::lock_guard lock(mu_);
    default_reply_ = std::move(r);
  }
  void Fail(Status s) {
    std::lock_guard lock(mu_);
    status_ = std::move(s);
  }
  std::vector<Activity> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Activity> seen_;
  std::deque<Reply> scripted_;
  Reply default_reply_ = TextReply("Noted.");
  Status status_;
};

class RecordingHttp final : public OutboundHttp {
 public:
  struct Call {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string content_type;
    std::string body;

    std::string Header(const std::string& name) const {
      for (const auto& [n, v] : headers) {
        if (n == name) return v;
      }
      return "";
    }
  };

  Status Post(const std::string& url,
              const std::vector<std::pair<std::string, std::string>>& headers,
              const std::string& content_type, const std::string& body,
              Response* out) override {
    std::lock_guard lock(mu_);
    calls_.push_back({url, headers, content_type, body});
    out->status = status_;
    out->body = response_body_;
    return Status::OK();
  }

  void Answer(int status, std::string body) {
    std::lock_guard lock(mu_);
    status_ = status;
    response_body_ = std::move(body);
  }
  std::vector<Call> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Call> calls_;
  int status_ = 200;
  std::string response_body_ = R"({"messages":[{"id":"wamid.OUT"}]})";
};

inline Environment MapEnvironment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// A POST as Meta sends it: the body signed with `secret` unless `signature` is given.
inline HttpRequest SignedPost(std::string path, std::string body,
                              std::string secret = kAppSecret,
                              std::optional<std::string> signature = std::nullopt) {
  HttpRequest req;
  req.method = "POST";
  req.path = std::move(path);
  req.headers.emplace_back("content-type", "application/json");
  req.headers.emplace_back("x-hub-signature-256",
                           signature ? *signature : meta::HubSignature(secret, body));
  req.body = std::move(body);
  return req;
}

inline HttpRequest Get(std::string path, std::string query) {
  HttpRequest req;
  req.method = "GET";
  req.path = std::move(path);
  req.query = std::move(query);
  return req;
}

// Handles `req` as the server would: the response first, then the channel's `later`.
// *ran_later tells whether any work was left for after the response.
inline HttpResponse Deliver(Channel& channel, const HttpRequest& req,
                            bool* ran_later = nullptr) {
  std::function<void()> later;
  HttpResponse r = channel.Handle(req, &later);
  if (ran_later != nullptr) *ran_later = static_cast<bool>(later);
  if (later) later();
  return r;
}

inline std::vector<QuickReply> Options(size_t n) {
  std::vector<QuickReply> out;
  for (size_t i = 1; i <= n; ++i) {
    out.push_back({"Option " + std::to_string(i), "/pick=" + std::to_string(i)});
  }
  return out;
}

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_ADAPTERS_META_META_FAKES_H_
