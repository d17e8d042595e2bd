import Foundation

/// A small dense symmetric matrix, row-major, with the factorisations a copula needs once per
/// table: Cholesky, a symmetric eigendecomposition, and the nearest correlation matrix.
///
/// Sizes are the number of correlated columns of one table (a handful), so the simple O(n³)
/// methods with the best accuracy (cyclic Jacobi) are the right ones.
struct SymmetricMatrix: Equatable, Sendable {
    let size: Int
    var entries: [Double]

    init(size: Int, entries: [Double]) {
        precondition(entries.count == size * size, "a \(size)×\(size) matrix needs \(size * size) entries")
        self.size = size
        self.entries = entries
    }

    static func identity(_ size: Int) -> SymmetricMatrix {
        var matrix = SymmetricMatrix(size: size, entries: [Double](repeating: 0, count: size * size))
        for i in 0..<size { matrix[i, i] = 1 }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { entries[row * size + column] }
        set { entries[row * size + column] = newValue }
    }

    /// The lower-triangular L with L Lᵀ = self, row-major, or nil when a pivot is not above
    /// `tolerance` (the matrix is not safely positive definite).
    /// - Complexity: O(n³).
    func cholesky(tolerance: Double = 1e-10) -> [Double]? {
        var factor = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = self[i, j]
                for k in 0..<j { sum -= factor[i * size + k] * factor[j * size + k] }
                if i == j {
                    guard sum > tolerance else { return nil }
                    factor[i * size + i] = sum.squareRoot()
                } else {
                    factor[i * size + j] = sum / factor[j * size + j]
                }
            }
        }
        return factor
    }

    /// Eigenvalues and eigenvectors (the columns of `vectors`, row-major) by cyclic Jacobi
    /// rotations, accurate to a few ulps of the largest eigenvalue.
    /// - Complexity: O(n³) per sweep, a handful of sweeps.
    func eigendecomposition() -> (values: [Double], vectors: [Double]) {
        var a = self
        var v = SymmetricMatrix.identity(size)
        for _ in 0..<64 {
            var offDiagonal = 0.0
            for p in 0..<size { for q in (p + 1)..<size { offDiagonal += a[p, q] * a[p, q] } }
            if offDiagonal < 1e-30 { break }
            for p in 0..<size {
                for q in (p + 1)..<size where a[p, q] != 0 {
                    // The rotation that zeroes a[p, q] (Numerical Recipes' stable form).
                    let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<size {
                        let akp = a[k, p]
                        let akq = a[k, q]
                        a[k, p] = c * akp - s * akq
                        a[k, q] = s * akp + c * akq
                    }
                    for k in 0..<size {
                        let apk = a[p, k]
                        let aqk = a[q, k]
                        a[p, k] = c * apk - s * aqk
                        a[q, k] = s * apk + c * aqk
                    }
                    for k in 0..<size {
                        let vkp = v[k, p]
                        let vkq = v[k, q]
                        v[k, p] = c * vkp - s * vkq
                        v[k, q] = s * vkp + c * vkq
                    }
                    a[p, q] = 0
                    a[q, p] = 0
                }
            }
        }
        return ((0..<size).map { a[$0, $0] }, v.entries)
    }

    /// V diag(max(λ, floor)) Vᵀ: the nearest (Frobenius) symmetric matrix with eigenvalues of
    /// at least `floor`.
    func clippingEigenvalues(to floor: Double) -> SymmetricMatrix {
        let (values, vectors) = eigendecomposition()
        var result = SymmetricMatrix(size: size, entries: [Double](repeating: 0, count: size * size))
        for i in 0..<size {
            for j in 0...i {
                var sum = 0.0
                for k in 0..<size { sum += vectors[i * size + k] * max(values[k], floor) * vectors[j * size + k] }
                result[i, j] = sum
                result[j, i] = sum
            }
        }
        return result
    }

    /// The nearest correlation matrix (unit diagonal, positive semidefinite) by Higham's
    /// alternating projections with Dykstra's correction (IMA J. Numer. Anal. 22, 2002), then
    /// made safely positive definite for Cholesky by a last eigenvalue floor and rescaling.
    func nearestCorrelationMatrix() -> SymmetricMatrix {
        var y = self
        var correction = SymmetricMatrix(size: size, entries: [Double](repeating: 0, count: size * size))
        for _ in 0..<500 {
            var r = y
            for index in r.entries.indices { r.entries[index] -= correction.entries[index] }
            let x = r.clippingEigenvalues(to: 0)
            for index in correction.entries.indices { correction.entries[index] = x.entries[index] - r.entries[index] }
            var next = x
            for i in 0..<size { next[i, i] = 1 }
            let change = zip(next.entries, y.entries).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
            y = next
            if change < 1e-12 { break }
        }
        // A semidefinite result can still fail Cholesky by rounding: lift the smallest
        // eigenvalues a little, restoring the unit diagonal, until it factors.
        var floor = 1e-8
        while true {
            var candidate = y.clippingEigenvalues(to: floor)
            let scales = (0..<size).map { 1 / candidate[$0, $0].squareRoot() }
            for i in 0..<size {
                for j in 0..<size { candidate[i, j] *= scales[i] * scales[j] }
                candidate[i, i] = 1
            }
            if candidate.cholesky() != nil || floor >= 0.5 { return candidate }
            floor *= 10
        }
    }
}
