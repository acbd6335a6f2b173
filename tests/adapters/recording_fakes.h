// Fakes of the channel seam for the Slack and Twilio tests: a TurnRunner that records
// activities and answers a scripted Reply, and an OutboundHttp that records calls.
#ifndef KNEEBOT_TESTS_ADAPTERS_RECORDING_FAKES_H_
#define KNEEBOT_TESTS_ADAPTERS_RECORDING_FAKES_H_

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "adapters/channel.h"

namespace kneebot::test {

class RecordingTurnRunner final : public TurnRunner {
 public:
  Status Run(const Activity& in, Reply* out) override {
    std::lock_guard lock(mu_);
    activities_.push_back(in);
    *out = reply_;
    return status_;
  }
  void set_reply(Reply r) { reply_ = std::move(r); }
  void set_status(Status s) { status_ = std::move(s); }
  std::vector<Activity> activities() {
    std::lock_guard lock(mu_);
    return activities_;
  }

 private:
  std::mutex mu_;
  std::vector<Activity> activities_;
  Reply reply_;
  Status status_;
};

class RecordingHttp final : public OutboundHttp {
 public:
  struct Call {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string content_type;
    std::string body;
  };
  Status Post(const std::string& url,
              const std::vector<std::pair<std::string, std::string>>& headers,
              const std::string& content_type, const std::string& body,
              Response* out) override {
    std::lock_guard lock(mu_);
    calls_.push_back({url, headers, content_type, body});
    *out = response_;
    return Status::OK();
  }
  void set_response(Response r) { response_ = std::move(r); }
  std::vector<Call> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  std::mutex mu_;
  std::vector<Call> calls_;
  Response response_{200, R"({"ok":true,"channel":"D024BE91L","ts":"1.2"})"};
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_ADAPTERS_RECORDING_FAKES_H_
