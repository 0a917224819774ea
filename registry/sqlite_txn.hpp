// A transaction that rolls back in its destructor unless commit() was called.
//
//   Txn txn(db, Txn::Kind::immediate);  // takes the write lock now (waits up to the busy timeout)
//   ... writes; any throw leaves nothing behind ...
//   txn.commit();
#pragma once

namespace eorun::sqlite {

class Db;

class Txn {
 public:
  enum class Kind {
    deferred,   // BEGIN: for reads that must see one consistent snapshot
    immediate,  // BEGIN IMMEDIATE: for writes, so two writers never deadlock on upgrade
  };

  Txn(Db& db, Kind kind);
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn();

  void commit();

 private:
  Db& db_;
  bool open_ = true;
};

}  // namespace eorun::sqlite
