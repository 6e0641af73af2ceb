{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'],
    datasets: [
      {
        label: 'D0',
        data: [41.27, 63.05, 28.9, 55.12, 70.48, 33.66, 47.81, 59.3],
        borderColor: 'rgb(255, 99, 132)',
        backgroundColor: 'rgba(255, 99, 132, 0.5)',
        hidden: true
      },
      {
        label: 'D1',
        data: [52.6, 24.18, 66.73, 38.05, 45.9, 77.21, 29.44, 61.02],
        borderColor: 'rgb(255, 159, 64)',
        backgroundColor: 'rgba(255, 159, 64, 0.5)',
        fill: '-1'
      },
      {
        label: 'D2',
        data: [35.14, 58.37, 42.8, 71.66, 26.09, 50.5, 67.93, 31.28],
        borderColor: 'rgb(255, 205, 86)',
        backgroundColor: 'rgba(255, 205, 86, 0.5)',
        hidden: true,
        fill: 1
      },
      {
        label: 'D3',
        data: [68.45, 37.72, 54.01, 22.36, 63.88, 40.19, 75.6, 48.07],
        borderColor: 'rgb(75, 192, 192)',
        backgroundColor: 'rgba(75, 192, 192, 0.5)',
        fill: '-1'
      },
      {
        label: 'D4',
        data: [27.93, 49.26, 73.11, 56.84, 34.5, 62.39, 21.75, 44.62],
        borderColor: 'rgb(54, 162, 235)',
        backgroundColor: 'rgba(54, 162, 235, 0.5)',
        fill: '-1'
      },
      {
        label: 'D5',
        data: [57.02, 30.41, 46.67, 79.15, 39.83, 25.58, 53.2, 69.97],
        borderColor: 'rgb(201, 203, 207)',
        backgroundColor: 'rgba(201, 203, 207, 0.5)',
        fill: '+2'
      },
      {
        label: 'D6',
        data: [44.38, 71.09, 36.24, 60.7, 23.51, 48.86, 65.33, 38.9],
        borderColor: 'rgb(153, 102, 255)',
        backgroundColor: 'rgba(153, 102, 255, 0.5)',
        fill: false
      },
      {
        label: 'D7',
        data: [30.66, 55.43, 77.98, 42.15, 58.72, 20.84, 36.49, 74.01],
        borderColor: 'rgb(255, 99, 132)',
        backgroundColor: 'rgba(255, 99, 132, 0.5)',
        fill: 8
      },
      {
        label: 'D8',
        data: [62.29, 43.57, 25.92, 67.4, 51.13, 73.78, 40.26, 28.55],
        borderColor: 'rgb(255, 159, 64)',
        backgroundColor: 'rgba(255, 159, 64, 0.5)',
        fill: 'end',
        hidden: true
      },
      {
        label: 'D9',
        data: [39.71, 66.18, 50.34, 32.97, 76.42, 45.05, 57.69, 23.16],
        borderColor: 'rgb(255, 205, 86)',
        backgroundColor: 'rgba(255, 205, 86, 0.5)',
        fill: {above: 'blue', below: 'red', target: {value: 350}}
      }
    ]
  },
  options: {
    scales: {
      y: {
        stacked: true
      }
    },
    plugins: {
      filler: {
        propagate: false
      },
      'samples-filler-analyser': {
        target: 'chart-analyser'
      }
    },
    interaction: {
      intersect: false,
    },
  },
}
