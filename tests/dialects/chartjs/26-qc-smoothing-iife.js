{
  type: 'line',
  data: {
    labels: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'],
    datasets: [
      {
        label: 'Smoothed Data',
        data: (function exponentialSmoothing(data, alpha) {
          let smoothedData = [data[0]];

          for (let i = 1; i < data.length; i++) {
            let previousPoint = smoothedData[i - 1];
            let currentPoint = data[i];
            let smoothedPoint =
              alpha * currentPoint + (1 - alpha) * previousPoint;
            smoothedData.push(smoothedPoint);
          }

          return smoothedData;
        })(
          // Your raw data goes here:
          [10, 12, 13, 15, 14, 13, 15, 17, 18, 17],
          // Smoothing parameter ALPHA:
          0.5
        ),
      },
      {
        label: 'Raw Data',
        data: [10, 12, 13, 15, 14, 13, 15, 17, 18, 17],
        fill: false,
      },
    ],
  },
}
