#include "bot/server/direct_line_conversations.h"

#include <time.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace kneebot {
namespace {

using nlohmann::json;

// Sweep expired conversations at least every this many opens, not only when
// the store is full, so memory follows the live count.
constexpr size_t kSweepEvery = 64;

// "2026-07-01T21:04:05.123Z": Web Chat orders by this string (§6.3).
std::string Iso8601(long long unix_ms) {
  time_t secs = static_cast<time_t>(unix_ms / 1000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
  return buf;
}

std::string ActivityId(const std::string& conversation, uint64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "|%07llu",
                static_cast<unsigned long long>(seq));
  return conversation + buf;
}

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

uint64_t ParseWatermark(std::string_view watermark) {
  uint64_t w = 0;
  auto [end, ec] = std::from_chars(watermark.data(),
                                   watermark.data() + watermark.size(), w);
  if (ec != std::errc() || end != watermark.data() + watermark.size()) return 0;
  return w;
}

DirectLineConversation::DirectLineConversation(std::string id,
                                               TimePoint expires,
                                               const Clock* clock,
                                               const DirectLineLimits& limits)
    : id_(std::move(id)), clock_(clock), limits_(limits), expires_(expires) {}

TimePoint DirectLineConversation::expires() const {
  std::lock_guard lock(mu_);
  return expires_;
}

void DirectLineConversation::ExtendTo(TimePoint t) {
  std::lock_guard lock(mu_);
  expires_ = std::max(expires_, t);
}

uint64_t DirectLineConversation::watermark() const {
  std::lock_guard lock(mu_);
  return last_seq_;
}

std::vector<std::string> DirectLineConversation::Append(
    std::vector<json> activities) {
  std::vector<std::string> ids;
  if (activities.empty()) return ids;
  ids.reserve(activities.size());
  long long now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         clock_->Now().time_since_epoch())
                         .count();
  std::lock_guard lock(mu_);
  uint64_t first_new = last_seq_;
  for (auto& a : activities) {
    uint64_t seq = ++last_seq_;
    // Strictly increasing, so Web Chat's timestamp order is the append order
    // even within one millisecond.
    last_timestamp_ms_ = std::max(now_ms, last_timestamp_ms_ + 1);
    std::string id = ActivityId(id_, seq);
    a["id"] = id;
    a["timestamp"] = Iso8601(last_timestamp_ms_);
    a["conversation"] = {{"id", id_}};
    std::string text = Dump(a);
    bytes_ += text.size();
    activities_.push_back({seq, std::move(text)});
    ids.push_back(std::move(id));
  }
  while (activities_.size() > 1 &&
         (activities_.size() > limits_.max_activities ||
          bytes_ > limits_.max_bytes)) {
    bytes_ -= activities_.front().json.size();
    activities_.pop_front();
  }
  if (!subscribers_.empty()) {
    auto set = std::make_shared<const std::string>(SetAfterLocked(first_new));
    for (auto& [handle, push] : subscribers_) push(set);
  }
  return ids;
}

std::string DirectLineConversation::SetAfterLocked(uint64_t watermark) const {
  std::string out = R"({"activities":[)";
  bool first = true;
  // Activities are in sequence order; skip to the first one after watermark.
  auto it = std::lower_bound(
      activities_.begin(), activities_.end(), watermark + 1,
      [](const Entry& e, uint64_t seq) { return e.seq < seq; });
  for (; it != activities_.end(); ++it) {
    if (!first) out += ',';
    first = false;
    out += it->json;
  }
  out += R"(],"watermark":")";
  out += std::to_string(last_seq_);
  out += "\"}";
  return out;
}

std::string DirectLineConversation::ActivitiesAfter(uint64_t watermark) const {
  std::lock_guard lock(mu_);
  return SetAfterLocked(watermark);
}

uint64_t DirectLineConversation::Subscribe(uint64_t watermark, Push push) {
  std::lock_guard lock(mu_);
  if (ended_) {
    push(nullptr);
    return 0;
  }
  if (watermark < last_seq_) {
    push(std::make_shared<const std::string>(SetAfterLocked(watermark)));
  }
  uint64_t handle = next_subscriber_++;
  subscribers_.emplace_back(handle, std::move(push));
  return handle;
}

void DirectLineConversation::Unsubscribe(uint64_t handle) {
  std::lock_guard lock(mu_);
  std::erase_if(subscribers_,
                [handle](const auto& s) { return s.first == handle; });
}

void DirectLineConversation::End() {
  std::lock_guard lock(mu_);
  ended_ = true;
  for (auto& [handle, push] : subscribers_) push(nullptr);
  subscribers_.clear();
}

DirectLineConversations::DirectLineConversations(const Clock* clock,
                                                 DirectLineLimits limits)
    : clock_(clock), limits_(limits) {}

std::shared_ptr<DirectLineConversation> DirectLineConversations::Find(
    const std::string& id) {
  std::shared_ptr<DirectLineConversation> expired;
  {
    std::lock_guard lock(mu_);
    auto it = conversations_.find(id);
    if (it == conversations_.end()) return nullptr;
    if (clock_->Now() < it->second->expires()) return it->second;
    expired = std::move(it->second);
    conversations_.erase(it);
  }
  expired->End();
  return nullptr;
}

void DirectLineConversations::SweepLocked(
    TimePoint now, std::vector<std::shared_ptr<DirectLineConversation>>* ended) {
  opens_since_sweep_ = 0;
  for (auto it = conversations_.begin(); it != conversations_.end();) {
    if (now >= it->second->expires()) {
      ended->push_back(std::move(it->second));
      it = conversations_.erase(it);
    } else {
      ++it;
    }
  }
}

Status DirectLineConversations::Open(
    const std::string& id, TimePoint expires,
    std::shared_ptr<DirectLineConversation>* out, bool* created) {
  std::vector<std::shared_ptr<DirectLineConversation>> ended;
  Status status = Status::OK();
  {
    std::lock_guard lock(mu_);
    TimePoint now = clock_->Now();
    if (++opens_since_sweep_ >= kSweepEvery) SweepLocked(now, &ended);
    auto it = conversations_.find(id);
    if (it != conversations_.end() && now >= it->second->expires()) {
      ended.push_back(std::move(it->second));
      conversations_.erase(it);
      it = conversations_.end();
    }
    if (it != conversations_.end()) {
      it->second->ExtendTo(expires);
      *out = it->second;
      *created = false;
    } else {
      if (conversations_.size() >= limits_.max_conversations) {
        SweepLocked(now, &ended);
      }
      if (conversations_.size() >= limits_.max_conversations) {
        status = Status::Unavailable("too many Direct Line conversations");
      } else {
        auto c = std::make_shared<DirectLineConversation>(id, expires, clock_,
                                                          limits_);
        conversations_.emplace(id, c);
        *out = std::move(c);
        *created = true;
      }
    }
  }
  for (auto& c : ended) c->End();
  return status;
}

size_t DirectLineConversations::size() const {
  std::lock_guard lock(mu_);
  return conversations_.size();
}

}  // namespace kneebot
