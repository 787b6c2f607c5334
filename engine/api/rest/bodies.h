#pragma once
// Bodies the endpoints stream: a tar archive out (docker save, docker cp),
// a tarball in, written to a file as it arrives (docker load, import, cp).

#include "archive/tarwriter.h"
#include "http/body.h"

#include <QFile>

#include <memory>

namespace muelle::engine::rest {

class TarSource final : public http::BodySource {
public:
    explicit TarSource(std::shared_ptr<archive::TarStream> tar) : tar_(std::move(tar)) { }
    Result<QByteArray> read(qint64 maxBytes) override { return tar_->read(maxBytes); }

private:
    std::shared_ptr<archive::TarStream> tar_;
};

class FileSink final : public http::BodySink {
public:
    explicit FileSink(const QString &path) : file_(path) { }
    Result<> write(QByteArrayView chunk) override;
    Result<> finish() override;

private:
    Result<> open();
    QFile file_;
};

} // namespace muelle::engine::rest
