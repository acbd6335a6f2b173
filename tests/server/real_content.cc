#include "tests/server/real_content.h"

#include <chrono>
#include <string>
#include <utility>

namespace kneebot::test {

const RealContent& RealContent::Get() {
  static const RealContent* content = [] {
    auto* c = new RealContent();
    const std::string root = KNEEBOT_SOURCE_DIR;
    std::unique_ptr<Understander> u;
    c->status = Understander::Load(root + "/intents/data", &u);
    if (!c->status.ok()) return c;
    std::unique_ptr<DialogEngine> e;
    c->status = DialogEngine::Load({root + "/dialogs/data", "US"}, *u, &e);
    if (!c->status.ok()) return c;
    c->understander = std::move(u);
    c->engine = std::move(e);
    return c;
  }();
  return *content;
}

Status RealBotServer::Start(ServerOptions options) {
  const RealContent& content = RealContent::Get();
  if (!content.status.ok()) return content.status;
  store_ = std::make_unique<MemorySessionStore>(&clock_, std::chrono::minutes(30));
  bot_ = std::make_unique<Bot>(content.understander, content.engine, store_.get(), &clock_);
  server_ = std::make_unique<Server>(
      std::move(options),
      [this](const Activity& a, Reply* r, TurnInfo* i) { return bot_->OnTurn(a, r, i); },
      content.engine->content_version());
  return server_->Start();
}

}  // namespace kneebot::test
