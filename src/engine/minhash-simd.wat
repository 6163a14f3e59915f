;; The MinHash loop of minhash.ts in WebAssembly SIMD: the same hash functions, the same signatures.
;;
;; Hash function i maps a shingle x to (mul[i] * x + add[i]) mod 2^32; a signature holds each
;; function's minimum over the shingles. Here four 128-bit vectors carry sixteen functions at once:
;; per shingle, one splat, then per vector one multiply (low 32 bits, as Math.imul), one add (mod 2^32)
;; and one unsigned minimum. The sixteen minima stay in registers for the whole pass over the shingles.
;;
;; Memory (filled by minhash-simd.ts): bytes [0, 4096) the multipliers, [4096, 8192) the addends
;; (so k <= 1024), [8192, 12288) the signature written, the shingles from 12288 on. k must be a
;; multiple of 16. `npm run build:wasm` compiles this file into minhash-simd.bytes.ts.
(module
  (memory (export "memory") 1)
  (func (export "signature") (param $shingles i32) (param $count i32) (param $k i32)
    (local $g i32) (local $at i32) (local $p i32) (local $end i32) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $end (i32.add (local.get $shingles) (i32.shl (local.get $count) (i32.const 2))))
    (block $empty
      (br_if $empty (i32.eqz (local.get $k)))
      ;; One pass over the shingles for each group of sixteen hash functions ($g is the first).
      (loop $groups
        (local.set $at (i32.shl (local.get $g) (i32.const 2)))
        (local.set $a0 (v128.load offset=0 (local.get $at)))
        (local.set $a1 (v128.load offset=16 (local.get $at)))
        (local.set $a2 (v128.load offset=32 (local.get $at)))
        (local.set $a3 (v128.load offset=48 (local.get $at)))
        (local.set $b0 (v128.load offset=4096 (local.get $at)))
        (local.set $b1 (v128.load offset=4112 (local.get $at)))
        (local.set $b2 (v128.load offset=4128 (local.get $at)))
        (local.set $b3 (v128.load offset=4144 (local.get $at)))
        (local.set $m0 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m1 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m2 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m3 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $p (local.get $shingles))
        (block $done
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (loop $shingle
            (local.set $x (i32x4.splat (i32.load (local.get $p))))
            (local.set $m0 (i32x4.min_u (local.get $m0) (i32x4.add (i32x4.mul (local.get $x) (local.get $a0)) (local.get $b0))))
            (local.set $m1 (i32x4.min_u (local.get $m1) (i32x4.add (i32x4.mul (local.get $x) (local.get $a1)) (local.get $b1))))
            (local.set $m2 (i32x4.min_u (local.get $m2) (i32x4.add (i32x4.mul (local.get $x) (local.get $a2)) (local.get $b2))))
            (local.set $m3 (i32x4.min_u (local.get $m3) (i32x4.add (i32x4.mul (local.get $x) (local.get $a3)) (local.get $b3))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br_if $shingle (i32.lt_u (local.get $p) (local.get $end)))))
        (v128.store offset=8192 (local.get $at) (local.get $m0))
        (v128.store offset=8208 (local.get $at) (local.get $m1))
        (v128.store offset=8224 (local.get $at) (local.get $m2))
        (v128.store offset=8240 (local.get $at) (local.get $m3))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $g) (local.get $k)))))))
